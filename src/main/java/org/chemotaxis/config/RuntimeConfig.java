package org.chemotaxis.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Section {@code runtime}: how the work is spread. Changes speed only, never results
 * (DESIGN.md, contract 1).
 *
 * @param workers  local worker actors; 0 = one per available processor
 * @param taskSize perturbations per task; 0 = chosen automatically
 */
public record RuntimeConfig(int workers, int taskSize) {

    /** The defaults of this section live here and nowhere else; a null argument means "default". */
    @JsonCreator
    public static RuntimeConfig of(Integer workers, Integer taskSize) {
        return new RuntimeConfig(workers != null ? workers : 0, taskSize != null ? taskSize : 0);
    }

    public static RuntimeConfig defaults() {
        return of(null, null);
    }

    /** {@code workers}, or the number of available processors when it is 0. */
    public int resolvedWorkers() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }
}
