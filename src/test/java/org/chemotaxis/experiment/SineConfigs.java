package org.chemotaxis.experiment;

import java.util.List;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;

/** The small sine task of the numeric acceptance tests. */
final class SineConfigs {

    private SineConfigs() {
    }

    /** f = 1 Hz, random phase, dt = 0.05, H = 8, B = 16, T = 50, washout 5, Adam 2e-2 with a cosine schedule. */
    static ExperimentConfig small(String estimator, int epochs, String... overrides) {
        String yaml = """
                name: sine-small
                seed: 7
                model: {type: elman, hidden: 8}
                data: {type: sine, count: 256, length: 50, dt: 0.05, frequency: 1.0, validation_fraction: 0.25}
                objective: {type: teacher_forced, washout: 5}
                estimator: {type: %s, sigma: 1.0e-4}
                optimizer: {type: adam, lr: 0.02, schedule: cosine}
                training: {epochs: %d, batch: 16}
                """.formatted(estimator, epochs);
        return ConfigLoader.parse(yaml, "sine-small.yml", List.of(overrides));
    }
}
