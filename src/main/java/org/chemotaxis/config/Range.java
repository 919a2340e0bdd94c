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
import java.util.random.RandomGenerator;
import org.chemotaxis.util.Interval;

/**
 * A closed-open interval [min, max) of doubles, or a single value when min == max. In YAML it is
 * written either as a number ({@code frequency: 1.0}) or as a two-element list
 * ({@code frequency: [0.5, 2.0]}). Whether min <= max is checked by
 * {@link ExperimentConfig#validate()}, not here, so that the message can name the key.
 */
@JsonSerialize(using = Range.Writer.class)
@JsonDeserialize(using = Range.Reader.class)
public record Range(double min, double max) {

    public static Range of(double value) {
        return new Range(value, value);
    }

    public static Range of(double min, double max) {
        return new Range(min, max);
    }

    /** True when the range is a single value: sampling then consumes a draw but returns min. */
    public boolean fixed() {
        return min == max;
    }

    /** The same interval, for domain code, which does not know config types. */
    public Interval interval() {
        return new Interval(min, max);
    }

    /** Maps a uniform u in [0, 1) to the range: min + (max - min) u. */
    public double at(double u) {
        return min + (max - min) * u;
    }

    /** One uniform draw from [min, max); exactly one draw is consumed, also when fixed. */
    public double sample(RandomGenerator random) {
        return at(random.nextDouble());
    }

    @Override
    public String toString() {
        return fixed() ? Double.toString(min) : "[" + min + ", " + max + "]";
    }

    static final class Writer extends StdSerializer<Range> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(Range.class);
        }

        @Override
        public void serialize(Range r, JsonGenerator g, SerializerProvider provider) throws IOException {
            if (r.fixed()) {
                g.writeNumber(r.min);
            } else {
                g.writeStartArray();
                g.writeNumber(r.min);
                g.writeNumber(r.max);
                g.writeEndArray();
            }
        }
    }

    static final class Reader extends StdDeserializer<Range> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(Range.class);
        }

        @Override
        public Range deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken().isNumeric()) {
                return Range.of(p.getDoubleValue());
            }
            if (p.currentToken() == JsonToken.START_ARRAY) {
                JsonNode list = ctxt.readTree(p);
                if (list.size() == 2 && list.get(0).isNumber() && list.get(1).isNumber()) {
                    return Range.of(list.get(0).doubleValue(), list.get(1).doubleValue());
                }
                throw InvalidFormatException.from(p, "not a range", list, Range.class);
            }
            throw InvalidFormatException.from(p, "not a range", p.getText(), Range.class);
        }
    }
}
