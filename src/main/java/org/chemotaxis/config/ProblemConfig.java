package org.chemotaxis.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Section {@code problem}: a problem of the user's own, from a plugin (docs/EXTENDING.md). When
 * {@code type} is given, it replaces the data section's task: the network is trained on that
 * problem, sized by it.
 *
 * @param type               the problem's name as its plugin publishes it; null: no plugin problem
 * @param params             the problem's own parameters, checked by the problem
 * @param validationEpisodes items (episodes) of the fixed validation sample
 */
public record ProblemConfig(String type, Map<String, Object> params, int validationEpisodes) {

    public ProblemConfig {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The defaults of this section live here and nowhere else; a null argument means "default". */
    @JsonCreator
    public static ProblemConfig of(String type, Map<String, Object> params, Integer validationEpisodes) {
        return new ProblemConfig(type, params != null ? params : Map.of(),
                validationEpisodes != null ? validationEpisodes : 50);
    }

    public static ProblemConfig defaults() {
        return of(null, null, null);
    }

    /** True when the run trains on a plugin's problem. */
    public boolean given() {
        return type != null;
    }
}
