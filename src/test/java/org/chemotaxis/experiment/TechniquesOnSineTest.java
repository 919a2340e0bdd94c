package org.chemotaxis.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.chemotaxis.train.Trainer;
import org.chemotaxis.train.Training;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each search-distribution and shaped technique learns the small sine task: after a few epochs
 * the validation MSE is a fraction of the untrained network's (about 0.5, the wave's variance).
 */
class TechniquesOnSineTest {

    private static final int EPOCHS = 8;

    /** The settings each technique is run with here: sizes that suit P = 89 and a constant schedule. */
    static String[] overrides(String technique) {
        return switch (technique) {
            case "gaussian-ranked" -> new String[] {"estimator.type=gaussian", "estimator.shaping=centered_rank",
                "estimator.sigma=0.01", "optimizer.lr=0.01"};
            case "pgpe" -> new String[] {"estimator.type=pgpe", "estimator.sigma=0.02", "optimizer.type=clipup",
                "optimizer.lr=0.02"};
            case "snes" -> new String[] {"estimator.type=snes", "estimator.sigma=0.05"};
            case "ars" -> new String[] {"estimator.type=ars", "estimator.sigma=0.02", "estimator.top_directions=8",
                "optimizer.type=sgd", "optimizer.lr=0.02"};
            case "cmaes" -> new String[] {"estimator.type=cmaes", "estimator.sigma=0.05"};
            default -> throw new IllegalArgumentException(technique);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"gaussian-ranked", "pgpe", "snes", "ars", "cmaes"})
    void learnsTheSineWave(String technique) {
        String[] base = {"estimator.directions=16", "optimizer.schedule=constant"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
                java.util.Arrays.stream(overrides(technique))).toArray(String[]::new);
        SequenceExperiment exp = new SequenceExperiment(SineConfigs.small("central", EPOCHS, all));
        Training t = exp.newTraining();
        double before = t.validationLoss();
        List<Trainer.Epoch> history = Trainer.plain(t).run(EPOCHS);
        double after = history.get(history.size() - 1).validationLoss();
        System.out.printf("%s on sine: validation MSE %.3e -> %.3e after %d steps%n", technique, before, after, t.step());
        assertTrue(after < 0.2 * before, technique + ": " + before + " -> " + after);
    }
}
