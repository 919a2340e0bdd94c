package org.chemotaxis.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Section {@code data}: where the sequences come from.
 *
 * <p>For {@code sine}: {@code count} waves of {@code length} steps of {@code dt} seconds; each
 * wave draws its frequency (Hz) and phase (rad) uniformly from the given ranges and has the given
 * amplitude; {@code noise} is the standard deviation of Gaussian noise added to the inputs only.
 *
 * <p>For {@code csv}: a time series read from {@code path} (relative to the working directory),
 * cut into windows of {@code window} rows every {@code stride} rows; the target at row r is the
 * target columns' value at row r + {@code target_shift} (1 = next-step prediction).
 *
 * <p>For {@code chemotaxis}: no sequences; a network steers simulated worms, as the sections
 * {@code world}, {@code controller} and {@code chemotaxis} say, and every other key of this
 * section is unused.
 *
 * <p>{@code validation_fraction} of the sequences (rounded) are held out for validation.
 */
public record DataConfig(
        Type type,
        int count,
        int length,
        double dt,
        Range frequency,
        Range phase,
        double amplitude,
        double noise,
        double validationFraction,
        String path,
        List<String> inputColumns,
        List<String> targetColumns,
        int window,
        int stride,
        int targetShift) {

    public enum Type {
        SINE, CSV, CHEMOTAXIS;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DataConfig {
        Objects.requireNonNull(type, "data.type");
        Objects.requireNonNull(frequency, "data.frequency");
        Objects.requireNonNull(phase, "data.phase");
        // Null entries are kept so that validate() can name them instead of failing here.
        inputColumns = Collections.unmodifiableList(new ArrayList<>(inputColumns));
        targetColumns = Collections.unmodifiableList(new ArrayList<>(targetColumns));
    }

    /** The defaults of this section live here and nowhere else; a null argument means "default". */
    @JsonCreator
    public static DataConfig of(
            Type type,
            Integer count,
            Integer length,
            Double dt,
            Range frequency,
            Range phase,
            Double amplitude,
            Double noise,
            Double validationFraction,
            String path,
            List<String> inputColumns,
            List<String> targetColumns,
            Integer window,
            Integer stride,
            Integer targetShift) {
        return new DataConfig(
                type != null ? type : Type.SINE,
                count != null ? count : 256,
                length != null ? length : 50,
                dt != null ? dt : 0.05,
                frequency != null ? frequency : Range.of(1.0),
                phase != null ? phase : Range.of(0.0, 2 * Math.PI),
                amplitude != null ? amplitude : 1.0,
                noise != null ? noise : 0.0,
                validationFraction != null ? validationFraction : 0.25,
                path,
                inputColumns != null ? inputColumns : List.of(),
                targetColumns != null ? targetColumns : List.of(),
                window != null ? window : 50,
                stride != null ? stride : 1,
                targetShift != null ? targetShift : 1);
    }

    public static DataConfig defaults() {
        return of(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Time steps per sequence: {@code length} for sine, {@code window} for csv, 0 for chemotaxis (no sequences). */
    public int sequenceLength() {
        return switch (type) {
            case SINE -> length;
            case CSV -> window;
            case CHEMOTAXIS -> 0;
        };
    }
}
