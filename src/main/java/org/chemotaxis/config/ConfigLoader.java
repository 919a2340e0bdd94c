package org.chemotaxis.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import java.io.IOException;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@link ExperimentConfig} from YAML, applies {@code --set key=value} overrides, validates,
 * and writes the fully resolved config back as YAML.
 *
 * <p>Every failure is a {@link BadInputException} whose message is one line naming the key, the
 * offending value and where it came from: a line of the file or the {@code --set} that gave it.
 * The source is scanned once token by token before binding, so that every key's line is known,
 * also for rules checked after binding ({@link ExperimentConfig#problems()} and the domain's
 * {@link ConfigCheck}, which the caller passes: experiment.Configs gives the project's).
 *
 * <p>Thread-safe: all state is per call; the mapper is immutable after construction.
 */
public final class ConfigLoader {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .addModule(new ParameterNamesModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // 16.5 hidden units must be an error, not 16.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // "input_columns: x" is read as [x].
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private ConfigLoader() {
    }

    /** Loads and validates a YAML file. */
    public static ExperimentConfig load(Path file) {
        return load(file, List.of());
    }

    /** Loads a YAML file, applies {@code key=value} overrides in order, then validates. */
    public static ExperimentConfig load(Path file, List<String> overrides) {
        return load(file, overrides, ConfigCheck.NONE);
    }

    /** {@link #load(Path, List)}, with the domain's rules too. */
    public static ExperimentConfig load(Path file, List<String> overrides, ConfigCheck domain) {
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new BadInputException("config file not found: " + source);
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException("config file is a directory, not a file: " + source);
        }
        String text;
        try {
            if (Files.size(file) > Limits.MAX_CONFIG_BYTES) {
                throw new BadInputException("config file " + source + " has " + Files.size(file) + " bytes; a config"
                        + " may have at most " + Limits.MAX_CONFIG_BYTES);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new BadInputException("config file " + source + " is not UTF-8 text", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new BadInputException("cannot read config file " + source + ": permission denied", e);
        } catch (IOException e) {
            throw new BadInputException("cannot read config file " + source + ": " + e.getMessage(), e);
        }
        return DataPaths.resolve(parse(text, source, overrides, domain), file, overrides, domain);
    }

    /** The all-defaults experiment (the defaults live in the config records, not in a file). */
    public static ExperimentConfig loadDefault() {
        return ExperimentConfig.defaults().validate();
    }

    /** Parses and validates YAML text; {@code sourceName} is what messages call it (a file name). */
    public static ExperimentConfig parse(String yaml, String sourceName) {
        return parse(yaml, sourceName, List.of());
    }

    /** Parses YAML text, applies {@code key=value} overrides in order, then validates. */
    public static ExperimentConfig parse(String yaml, String sourceName, List<String> overrides) {
        return parse(yaml, sourceName, overrides, ConfigCheck.NONE);
    }

    /** {@link #parse(String, String, List)}, with the domain's rules too. */
    public static ExperimentConfig parse(String yaml, String sourceName, List<String> overrides, ConfigCheck domain) {
        Origins origins = new Origins();
        ExperimentConfig config = read(yaml, sourceName, origins);
        return check(override(config, overrides, origins), origins, domain);
    }

    /**
     * Applies overrides such as {@code model.hidden=32} or {@code data.frequency=[0.5, 2]} to a
     * config, then validates. The value is read as a YAML scalar or flow collection; an empty value
     * restores the key's default; a flow mapping given for a section is merged into it
     * ({@code model={hidden: 8, layers: 2}}). A key that the schema does not know is an error.
     */
    public static ExperimentConfig applyOverrides(ExperimentConfig base, List<String> overrides) {
        return applyOverrides(base, overrides, ConfigCheck.NONE);
    }

    /** {@link #applyOverrides(ExperimentConfig, List)}, with the domain's rules too. */
    public static ExperimentConfig applyOverrides(ExperimentConfig base, List<String> overrides, ConfigCheck domain) {
        Origins origins = new Origins();
        return check(override(base, overrides, origins), origins, domain);
    }

    /**
     * The resolved config: every key of every section the experiment reads, and no section it does
     * not ({@link ExperimentConfig#unusedSections}); {@link #parse} reads it back to
     * {@link ExperimentConfig#withUnusedSectionsAtDefaults}.
     */
    public static String toYaml(ExperimentConfig config) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode tree = MAPPER.valueToTree(config);
            for (String section : config.unusedSections()) {
                tree.remove(section);
            }
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------

    /** Where each dotted key's value came from: "line 4 of x.yml" or "--set model.hidden=4". */
    private static final class Origins {
        final Map<String, String> byKey = new HashMap<>();
        final Map<Integer, String> keyByLine = new HashMap<>();
        /** How each key's value was written, for messages: the scalar's text, or "a list". */
        final Map<String, String> shownValue = new HashMap<>();

        /** The origin of the key or of its nearest enclosing key; null when it is a default. */
        String of(String key) {
            String k = key;
            while (!k.isEmpty()) {
                String w = byKey.get(k);
                if (w != null) {
                    return w;
                }
                int cut = Math.max(k.lastIndexOf('.'), k.lastIndexOf('['));
                k = cut < 0 ? "" : k.substring(0, cut);
            }
            return null;
        }

        void overridden(String key, String where, Origins value) {
            byKey.keySet().removeIf(k -> k.startsWith(key + ".") || k.startsWith(key + "["));
            shownValue.keySet().removeIf(k -> k.equals(key) || k.startsWith(key + ".") || k.startsWith(key + "["));
            byKey.put(key, where);
            shownValue.putAll(value.shownValue);
        }
    }

    private static ExperimentConfig read(String yaml, String source, Origins origins) {
        if (yaml.length() > Limits.MAX_CONFIG_BYTES) {
            throw new BadInputException(source + " has " + yaml.length() + " characters; a config may have at most "
                    + Limits.MAX_CONFIG_BYTES);
        }
        boolean present = scan(yaml, "", true, origins, line -> "line " + line + " of " + source);
        if (!present) {
            return ExperimentConfig.defaults();
        }
        try {
            return MAPPER.readValue(yaml, ExperimentConfig.class);
        } catch (JsonProcessingException e) {
            throw describe(e, origins, source);
        }
    }

    private interface LineNamer {
        String name(int line);
    }

    /**
     * One pass over the tokens: records the line of every key, and rejects what binding would
     * report badly (syntax errors, duplicate keys, YAML's .nan/.inf, several documents).
     * Returns false for a document without content.
     */
    private static boolean scan(String yaml, String prefix, boolean mappingRequired, Origins origins,
                                LineNamer where) {
        try (JsonParser p = MAPPER.createParser(yaml)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return false;
            }
            if (mappingRequired && t != JsonToken.START_OBJECT) {
                throw new BadInputException(where.name(p.currentTokenLocation().getLineNr())
                        + ": a config must be a mapping of keys to values (like 'model:'), but this is "
                        + tokenDescription(p));
            }
            int roots = 0;
            while (t != null) {
                int line = p.currentTokenLocation().getLineNr();
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    // Jackson would read an alias as the anchor's name ("*h" as 'h'): refused, not misread.
                    throw new BadInputException("YAML alias *" + p.getText() + " at " + where.name(line)
                            + ": anchors and aliases are not supported in a config; write the value out");
                }
                if (t.isStructStart() && p.getParsingContext().getNestingDepth() > Limits.MAX_CONFIG_DEPTH) {
                    throw new BadInputException("YAML nested more than " + Limits.MAX_CONFIG_DEPTH + " levels deep at "
                            + where.name(line) + "; a config is a few levels of sections and lists");
                }
                if (p.getParsingContext().inRoot() || (t.isStructStart() && p.getParsingContext().getParent().inRoot())) {
                    if (t.isStructStart() || t.isScalarValue()) {
                        if (++roots > 1) {
                            throw new BadInputException(where.name(line) + ": more than one YAML document; "
                                    + "a config is a single document");
                        }
                    }
                }
                if (t == JsonToken.FIELD_NAME) {
                    String key = join(prefix, dotted(p.getParsingContext()));
                    String first = origins.byKey.putIfAbsent(key, where.name(line));
                    if (first != null) {
                        throw new BadInputException("duplicate key '" + key + "' at " + where.name(line)
                                + " (first given at " + first + ")");
                    }
                    origins.keyByLine.putIfAbsent(line, key);
                } else if (t.isScalarValue() || t.isStructStart()) {
                    String key = join(prefix, dotted(p.getParsingContext()));
                    if (t.isStructStart() && !p.getParsingContext().inRoot()) {
                        key = join(prefix, dotted(p.getParsingContext().getParent()));
                    }
                    origins.shownValue.putIfAbsent(key, tokenDescription(p));
                }
                if (t.isNumeric()) {
                    try {
                        p.getNumberValue();
                    } catch (StreamReadException e) {
                        String key = join(prefix, dotted(p.getParsingContext()));
                        throw new BadInputException((key.isEmpty() ? "value" : key) + " must be a finite number, but was '"
                                + p.getText() + "' (" + where.name(line) + ")");
                    }
                }
                t = p.nextToken();
            }
            return true;
        } catch (StreamReadException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNr() : -1;
            String problem = firstLine(e.getOriginalMessage());
            // SnakeYAML's first line is the context ("while parsing a flow node"); the problem
            // and its own position are more telling.
            if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
                problem = m.getProblem();
                if (m.getProblemMark() != null) {
                    line = m.getProblemMark().getLine() + 1;
                }
            }
            String at = where.name(line);
            throw new BadInputException("YAML syntax error " + (at.startsWith("line ") ? "at " : "in ") + at + ": "
                    + problem, e);
        } catch (JsonProcessingException e) {
            // a constraint of the parser (number or text length, nesting): still one line about the input
            int line = e.getLocation() != null ? e.getLocation().getLineNr() : -1;
            throw new BadInputException("YAML not accepted" + (line > 0 ? " at " + where.name(line) : "") + ": "
                    + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ExperimentConfig override(ExperimentConfig base, List<String> overrides, Origins origins) {
        if (overrides.isEmpty()) {
            return base;
        }
        ObjectNode tree = MAPPER.valueToTree(base);
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--set expects key=value, but was '" + o + "'");
            }
            String key = o.substring(0, eq).trim();
            String text = o.substring(eq + 1).trim();
            if (o.length() > Limits.MAX_CONFIG_BYTES) {
                throw new BadInputException("--set " + key + "=... has " + o.length() + " characters; at most "
                        + Limits.MAX_CONFIG_BYTES + " are allowed");
            }
            String where = "--set " + Limits.printable(o);
            Origins valueOrigin = new Origins();
            JsonNode value = text.isEmpty() ? NullNode.instance : parseValue(text, key, where, valueOrigin);
            put(tree, key, value, where);
            origins.overridden(key, where, valueOrigin);
        }
        try {
            return MAPPER.treeToValue(tree, ExperimentConfig.class);
        } catch (JsonProcessingException e) {
            throw describe(e, origins, null);
        }
    }

    private static JsonNode parseValue(String text, String key, String where, Origins origins) {
        scan(text, key, false, origins, line -> where);
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException("bad value in " + where + ": " + firstLine(e.getOriginalMessage()), e);
        }
    }

    private static void put(ObjectNode tree, String key, JsonNode value, String where) {
        String[] parts = key.split("\\.", -1);
        ObjectNode node = tree;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            String path = String.join(".", Arrays.copyOf(parts, i + 1));
            JsonNode child = node.get(part);
            if (child == null) {
                throw unknownKey(join(String.join(".", Arrays.copyOf(parts, i)), part), key, node.fieldNames(), where);
            }
            if (i == parts.length - 1) {
                if (child.isObject() && value.isObject()) {
                    merge((ObjectNode) child, (ObjectNode) value);
                } else {
                    node.set(part, value);
                }
            } else if (child.isObject()) {
                node = (ObjectNode) child;
            } else {
                throw new BadInputException("unknown key '" + key + "' in " + where + " ('" + path
                        + "' is a value, not a section)");
            }
        }
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        for (Map.Entry<String, JsonNode> e : from.properties()) {
            JsonNode old = into.get(e.getKey());
            if (old != null && old.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) old, (ObjectNode) e.getValue());
            } else {
                into.set(e.getKey(), e.getValue());
            }
        }
    }

    private static ExperimentConfig check(ExperimentConfig config, Origins origins, ConfigCheck domain) {
        List<ExperimentConfig.Problem> problems = new ArrayList<>(config.problems());
        problems.addAll(domain.problems(config));
        if (problems.isEmpty()) {
            return config;
        }
        List<String> lines = new ArrayList<>();
        for (ExperimentConfig.Problem p : problems) {
            String where = origins.of(p.key());
            lines.add(where == null ? p.message() : p.message() + " (" + where + ")");
        }
        throw new BadInputException(String.join("; ", lines));
    }

    // ---- turning Jackson's exceptions into one line -------------------------------------

    private static BadInputException describe(JsonProcessingException e, Origins origins, String source) {
        String key = e instanceof JsonMappingException m ? dotted(m.getPath()) : "";
        String where = origins.of(key);
        if (where == null && e.getLocation() != null && source != null) {
            where = "line " + e.getLocation().getLineNr() + " of " + source;
            if (key.isEmpty()) {
                key = origins.keyByLine.getOrDefault(e.getLocation().getLineNr(), "");
            }
        }
        String at = where == null ? "" : " (" + where + ")";
        String subject = key.isEmpty() ? "value" : key;

        if (e instanceof UnrecognizedPropertyException u) {
            String parent = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
            List<String> known = u.getKnownPropertyIds() == null ? List.of()
                    : u.getKnownPropertyIds().stream().map(String::valueOf).toList();
            return unknownKey(key, key, known.iterator(), where == null ? "the config" : where, parent, e);
        }
        if (e instanceof InvalidFormatException f) {
            return new BadInputException(subject + " must be " + expected(f.getTargetType()) + ", but was "
                    + show(f.getValue()) + at, e);
        }
        String shown = origins.shownValue.get(key);
        if (e instanceof MismatchedInputException m) {
            return new BadInputException(subject + " must be " + expected(m.getTargetType()) + ", but was "
                    + (shown != null ? shown : "something else") + at, e);
        }
        InputCoercionException c = e instanceof InputCoercionException ice ? ice
                : e.getCause() instanceof InputCoercionException ice ? ice : null;
        if (c != null) {
            return new BadInputException(subject + " must be " + expected(c.getTargetType())
                    + " within range, but was " + (shown != null ? shown : "out of range") + at, e);
        }
        if (e instanceof DatabindException && e.getCause() != null) {
            return new BadInputException(subject + ": " + firstLine(String.valueOf(e.getCause().getMessage())) + at, e);
        }
        return new BadInputException(subject + ": " + firstLine(e.getOriginalMessage()) + at, e);
    }

    private static BadInputException unknownKey(String fullKey, String given, Iterator<String> known, String where) {
        String parent = fullKey.contains(".") ? fullKey.substring(0, fullKey.lastIndexOf('.')) : "";
        return unknownKey(fullKey, given, known, where, parent, null);
    }

    private static BadInputException unknownKey(String fullKey, String given, Iterator<String> known, String where,
                                                String parent, Throwable cause) {
        List<String> names = new ArrayList<>();
        known.forEachRemaining(names::add);
        Collections.sort(names);
        String leaf = fullKey.substring(parent.isEmpty() ? 0 : parent.length() + 1);
        String best = closest(leaf, names);
        StringBuilder msg = new StringBuilder("unknown key '").append(fullKey).append("' ")
                .append(where.startsWith("line ") ? "at " : "in ").append(where);
        if (best != null) {
            msg.append(" (did you mean '").append(join(parent, best)).append("'?)");
        } else if (!names.isEmpty()) {
            msg.append(" (known keys").append(parent.isEmpty() ? "" : " of " + parent).append(": ")
                    .append(String.join(", ", names)).append(")");
        }
        return cause == null ? new BadInputException(msg.toString()) : new BadInputException(msg.toString(), cause);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text";
        }
        if (type == Range.class) {
            return "a number or a two-element list [min, max]";
        }
        if (type == FieldSpecs.class) {
            return "a field spec or a list of field specs";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> MAPPER.valueToTree(c).asText())
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.isRecord()) {
            return "a section of keys (a mapping)";
        }
        return "a " + type.getSimpleName();
    }

    private static String show(Object value) {
        if (value == null) {
            return "empty";
        }
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }

    private static String tokenDescription(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "empty";
        }
        try {
            return switch (t) {
                case START_ARRAY, END_ARRAY -> "a list";
                case START_OBJECT, END_OBJECT, FIELD_NAME -> "a mapping";
                case VALUE_STRING -> "'" + Limits.printable(p.getText()) + "'";
                case VALUE_NULL -> "empty";
                default -> Limits.printable(p.getText());
            };
        } catch (IOException e) {
            return t.toString();
        }
    }

    // ---- keys --------------------------------------------------------------------------------

    private static String dotted(JsonStreamContext ctx) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                if (c.getCurrentName() != null) {
                    parts.add(c.getCurrentName());
                }
            } else if (c.inArray()) {
                parts.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        Collections.reverse(parts);
        return joinParts(parts);
    }

    private static String dotted(List<JsonMappingException.Reference> path) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference r : path) {
            parts.add(r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]");
        }
        return joinParts(parts);
    }

    private static String joinParts(List<String> parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (sb.length() > 0 && !p.startsWith("[")) {
                sb.append('.');
            }
            sb.append(p);
        }
        return sb.toString();
    }

    private static String join(String prefix, String key) {
        if (prefix.isEmpty()) {
            return key;
        }
        if (key.isEmpty()) {
            return prefix;
        }
        return key.startsWith("[") ? prefix + key : prefix + "." + key;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /** The known name nearest to a misspelt one (optimal string alignment distance), or null. */
    static String closest(String name, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        int allowed = name.length() <= 3 ? 1 : name.length() <= 6 ? 2 : 3;
        return bestDistance <= allowed ? best : null;
    }

    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
