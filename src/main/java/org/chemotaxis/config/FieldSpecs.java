package org.chemotaxis.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The field specs of {@code world.field}: one spec ({@code field: gauss}), or a list of them
 * ({@code field: [gauss:lambda=1.3, gauss, gauss:lambda=2.0]}) when training episodes should each
 * run on one field of a family (domain randomisation, like a range of sensor noise). The first
 * spec is the field of plots and of {@code evaluate}. Whether each spec parses is checked by
 * {@link ExperimentConfig#validate()}, which names the entry.
 */
@JsonSerialize(using = FieldSpecs.Writer.class)
@JsonDeserialize(using = FieldSpecs.Reader.class)
public record FieldSpecs(List<String> specs) {

    public FieldSpecs {
        if (specs == null || specs.isEmpty() || specs.stream().anyMatch(x -> x == null)) {
            throw new IllegalArgumentException("world.field needs at least one field spec");
        }
        specs = List.copyOf(specs);
    }

    public static FieldSpecs of(String... specs) {
        return new FieldSpecs(List.of(specs));
    }

    /** The field of plots and evaluations. */
    public String first() {
        return specs.get(0);
    }

    public int size() {
        return specs.size();
    }

    @Override
    public String toString() {
        return specs.size() == 1 ? specs.get(0) : specs.toString();
    }

    static final class Writer extends StdSerializer<FieldSpecs> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(FieldSpecs.class);
        }

        @Override
        public void serialize(FieldSpecs f, JsonGenerator g, SerializerProvider provider) throws IOException {
            if (f.size() == 1) {
                g.writeString(f.first());
            } else {
                g.writeStartArray();
                for (String s : f.specs) {
                    g.writeString(s);
                }
                g.writeEndArray();
            }
        }
    }

    static final class Reader extends StdDeserializer<FieldSpecs> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(FieldSpecs.class);
        }

        @Override
        public FieldSpecs deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return FieldSpecs.of(p.getText());
            }
            if (p.currentToken() == JsonToken.START_ARRAY) {
                JsonNode list = ctxt.readTree(p);
                List<String> specs = new ArrayList<>();
                for (JsonNode n : list) {
                    if (!n.isTextual()) {
                        throw InvalidFormatException.from(p, "not a list of field specs", list, FieldSpecs.class);
                    }
                    specs.add(n.asText());
                }
                if (specs.isEmpty()) {
                    throw InvalidFormatException.from(p, "an empty list of field specs", list, FieldSpecs.class);
                }
                return new FieldSpecs(specs);
            }
            throw InvalidFormatException.from(p, "not a field spec or a list of them", p.getText(), FieldSpecs.class);
        }
    }
}
