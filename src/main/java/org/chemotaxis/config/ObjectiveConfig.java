package org.chemotaxis.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * Section {@code objective}: how a loss is measured on a batch.
 *
 * @param type    teacher_forced (the network sees the true input each step) or free_running
 *                (after the washout it is fed its own previous output)
 * @param washout leading steps whose error is not counted, while the state settles
 */
public record ObjectiveConfig(Type type, int washout) {

    public enum Type {
        TEACHER_FORCED, FREE_RUNNING;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ObjectiveConfig {
        Objects.requireNonNull(type, "objective.type");
    }

    /** The defaults of this section live here and nowhere else; a null argument means "default". */
    @JsonCreator
    public static ObjectiveConfig of(Type type, Integer washout) {
        return new ObjectiveConfig(type != null ? type : Type.TEACHER_FORCED, washout != null ? washout : 5);
    }

    public static ObjectiveConfig defaults() {
        return of(null, null);
    }
}
