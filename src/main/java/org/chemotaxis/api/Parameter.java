package org.chemotaxis.api;

import java.util.Objects;

/**
 * One parameter a problem accepts under {@code problem.params}.
 *
 * @param name         the key
 * @param defaultValue what it is when the config does not give it: a Double, Integer, Long,
 *                     Boolean or String; its type is the parameter's type
 * @param description  one line for {@code chemotaxis problems}
 */
public record Parameter(String name, Object defaultValue, String description) {

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (!(defaultValue instanceof Double || defaultValue instanceof Integer || defaultValue instanceof Long
                || defaultValue instanceof Boolean || defaultValue instanceof String)) {
            throw new IllegalArgumentException("parameter " + name + ": the default must be a Double, Integer, Long, "
                    + "Boolean or String, but was " + defaultValue.getClass().getName());
        }
    }

    public static Parameter of(String name, double defaultValue, String description) {
        return new Parameter(name, defaultValue, description);
    }

    public static Parameter of(String name, int defaultValue, String description) {
        return new Parameter(name, defaultValue, description);
    }

    public static Parameter of(String name, boolean defaultValue, String description) {
        return new Parameter(name, defaultValue, description);
    }

    public static Parameter of(String name, String defaultValue, String description) {
        return new Parameter(name, defaultValue, description);
    }
}
