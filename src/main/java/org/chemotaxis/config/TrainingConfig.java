package org.chemotaxis.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Section {@code training}. Validation runs after every epoch (early stopping and the saved
 * model depend on it).
 *
 * @param epochs        passes over the training sequences
 * @param batch         sequences per optimizer step
 * @param stepsPerEpoch optimizer steps per epoch; 0 = as many full batches as the training
 *                      split holds (see {@code DataLoader})
 */
public record TrainingConfig(int epochs, int batch, int stepsPerEpoch) {

    /** The defaults of this section live here and nowhere else; a null argument means "default". */
    @JsonCreator
    public static TrainingConfig of(Integer epochs, Integer batch, Integer stepsPerEpoch) {
        return new TrainingConfig(
                epochs != null ? epochs : 100,
                batch != null ? batch : 16,
                stepsPerEpoch != null ? stepsPerEpoch : 0);
    }

    public static TrainingConfig defaults() {
        return of(null, null, null);
    }
}
