package org.chemotaxis.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Section {@code generation}: closed-loop generation after training.
 *
 * @param warmup steps fed with the true signal before the network runs on its own output
 * @param steps  steps generated closed-loop
 */
public record GenerationConfig(int warmup, int steps) {

    /** The defaults of this section live here and nowhere else; a null argument means "default". */
    @JsonCreator
    public static GenerationConfig of(Integer warmup, Integer steps) {
        return new GenerationConfig(warmup != null ? warmup : 10, steps != null ? steps : 200);
    }

    public static GenerationConfig defaults() {
        return of(null, null);
    }
}
