package org.chemotaxis.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * Section {@code model}: which recurrent network and how big.
 *
 * @param type     elman or ctrnn
 * @param hidden   units per hidden layer
 * @param layers   stacked hidden layers
 * @param dt       Euler step of the CTRNN (unused by elman)
 * @param initSeed seed of the parameter initialisation; null means "the experiment's seed",
 *                 resolved by {@link ExperimentConfig#initSeed()}
 */
public record ModelConfig(Type type, int hidden, int layers, double dt, Long initSeed) {

    public enum Type {
        ELMAN, CTRNN;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ModelConfig {
        Objects.requireNonNull(type, "model.type");
    }

    /** The defaults of this section live here and nowhere else; a null argument means "default". */
    @JsonCreator
    public static ModelConfig of(Type type, Integer hidden, Integer layers, Double dt, Long initSeed) {
        return new ModelConfig(
                type != null ? type : Type.ELMAN,
                hidden != null ? hidden : 16,
                layers != null ? layers : 1,
                dt != null ? dt : 0.1,
                initSeed);
    }

    public static ModelConfig defaults() {
        return of(null, null, null, null, null);
    }
}
