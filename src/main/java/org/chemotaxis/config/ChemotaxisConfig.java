package org.chemotaxis.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Section {@code chemotaxis}: how the chemotaxis experiment trains and is scored (used when
 * {@code data.type} is {@code chemotaxis}). Each optimizer step runs {@code training.batch} fresh
 * episodes; each epoch is {@code training.steps_per_epoch} steps.
 *
 * @param validationEpisodes episodes of the fixed validation sample (starts that are neither training
 *                           nor test starts)
 * @param validationWorld    where validation episodes run: {@code reference}, the world of the test
 *                           (dt 0.01 s, 500 s, the first field, no sensor noise), so the saved model and
 *                           any choice between runs are made on the world the test uses; or
 *                           {@code training}, the (coarser) training world
 * @param clipLoss           true: the loss is 1 - F with F = max(0, 1 - mean r / r0) as scored;
 *                           false: 1 - (1 - mean r / r0), so worms that drift away still rank
 * @param evaluationSeed     seed of the fresh starts of {@code evaluate} and of the trajectory
 *                           plots; null means one derived from the experiment's seed
 * @param plotWorms          worms drawn in each trajectory plot
 */
public record ChemotaxisConfig(int validationEpisodes, ValidationWorld validationWorld, boolean clipLoss,
                               Long evaluationSeed, int plotWorms) {

    /** Where the validation episodes run. */
    public enum ValidationWorld {
        REFERENCE, TRAINING;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The defaults of this section live here and nowhere else; a null argument means "default". */
    @JsonCreator
    public static ChemotaxisConfig of(Integer validationEpisodes, ValidationWorld validationWorld, Boolean clipLoss,
                                      Long evaluationSeed, Integer plotWorms) {
        return new ChemotaxisConfig(
                validationEpisodes != null ? validationEpisodes : 100,
                validationWorld != null ? validationWorld : ValidationWorld.REFERENCE,
                clipLoss != null ? clipLoss : true,
                evaluationSeed,
                plotWorms != null ? plotWorms : 20);
    }

    public static ChemotaxisConfig defaults() {
        return of(null, null, null, null, null);
    }
}
