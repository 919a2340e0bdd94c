package org.chemotaxis.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Section {@code early_stopping}: stop when the validation loss has not improved by more than
 * {@code minDelta} for {@code patience} validations; patience 0 turns it off.
 */
public record EarlyStoppingConfig(int patience, double minDelta) {

    /** The defaults of this section live here and nowhere else; a null argument means "default". */
    @JsonCreator
    public static EarlyStoppingConfig of(Integer patience, Double minDelta) {
        return new EarlyStoppingConfig(patience != null ? patience : 0, minDelta != null ? minDelta : 0.0);
    }

    public static EarlyStoppingConfig defaults() {
        return of(null, null);
    }

    public boolean enabled() {
        return patience > 0;
    }
}
