package org.chemotaxis.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Section {@code chemotaxis}: how the chemotaxis experiment trains and is scored (used when
 * {@code data.type} is {@code chemotaxis}). Each optimizer step runs {@code training.batch} fresh
 * episodes; each epoch is {@code training.steps_per_epoch} steps.
 *
 * @param validationEpisodes episodes of the fixed validation sample, run in the training world
 * @param clipLoss           true: the loss is 1 - F with F = max(0, 1 - mean r / r0) as scored;
 *                           false: 1 - (1 - mean r / r0), so worms that drift away still rank
 * @param evaluationSeed     seed of the fresh starts of {@code evaluate} and of the trajectory
 *                           plots; null means one derived from the experiment's seed
 * @param plotWorms          worms drawn in each trajectory plot
 */
public record ChemotaxisConfig(int validationEpisodes, boolean clipLoss, Long evaluationSeed, int plotWorms) {

    /** The defaults of this section live here and nowhere else; a null argument means "default". */
    @JsonCreator
    public static ChemotaxisConfig of(Integer validationEpisodes, Boolean clipLoss, Long evaluationSeed,
                                      Integer plotWorms) {
        return new ChemotaxisConfig(
                validationEpisodes != null ? validationEpisodes : 100,
                clipLoss != null ? clipLoss : true,
                evaluationSeed,
                plotWorms != null ? plotWorms : 20);
    }

    public static ChemotaxisConfig defaults() {
        return of(null, null, null, null);
    }
}
