package org.chemotaxis.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A problem's parameter values: what the config gave under {@code problem.params}, the declared
 * defaults for the rest. Read them with the getter of the parameter's type; a value of another
 * type, or a key that was not declared, is a {@link BadParameterException} naming the key.
 */
public final class Parameters {

    private final Map<String, Object> values;

    private Parameters(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * The values of {@code declared} parameters, {@code given} over the defaults. Whole numbers are
     * accepted for a Double parameter; nothing else is converted.
     *
     * @throws BadParameterException for a key that is not declared or a value of the wrong type
     */
    public static Parameters of(List<Parameter> declared, Map<String, ?> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Parameter p : declared) {
            out.put(p.name(), p.defaultValue());
        }
        for (Map.Entry<String, ?> e : given.entrySet()) {
            Parameter p = declared.stream().filter(d -> d.name().equals(e.getKey())).findFirst().orElse(null);
            if (p == null) {
                throw new BadParameterException(e.getKey(), "unknown parameter '" + e.getKey() + "'; accepted: "
                        + String.join(", ", declared.stream().map(Parameter::name).toList()));
            }
            out.put(p.name(), convert(p, e.getValue()));
        }
        return new Parameters(Collections.unmodifiableMap(out));
    }

    private static Object convert(Parameter p, Object v) {
        Object d = p.defaultValue();
        if (d instanceof Double && (v instanceof Double || v instanceof Integer || v instanceof Long)) {
            return ((Number) v).doubleValue();
        }
        if (d instanceof Long && (v instanceof Integer || v instanceof Long)) {
            return ((Number) v).longValue();
        }
        if (d instanceof Integer && v instanceof Integer) {
            return v;
        }
        if (d instanceof Boolean && v instanceof Boolean || d instanceof String && v instanceof String) {
            return v;
        }
        throw new BadParameterException(p.name(), "must be " + typeName(d) + ", but was " + shown(v));
    }

    private static String typeName(Object d) {
        if (d instanceof Double) {
            return "a number";
        }
        if (d instanceof Integer || d instanceof Long) {
            return "a whole number";
        }
        return d instanceof Boolean ? "true or false" : "a string";
    }

    private static String shown(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }

    public double getDouble(String key) {
        return (Double) typed(key, Double.class);
    }

    public int getInt(String key) {
        return (Integer) typed(key, Integer.class);
    }

    public long getLong(String key) {
        return (Long) typed(key, Long.class);
    }

    public boolean getBoolean(String key) {
        return (Boolean) typed(key, Boolean.class);
    }

    public String getString(String key) {
        return (String) typed(key, String.class);
    }

    /** Every value, defaults included, in declaration order. */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object typed(String key, Class<?> type) {
        Object v = values.get(key);
        if (v == null) {
            throw new BadParameterException(key, "is not a declared parameter");
        }
        if (!type.isInstance(v)) {
            throw new BadParameterException(key, "is " + typeName(v) + ", not read as " + type.getSimpleName());
        }
        return v;
    }
}
