package org.chemotaxis.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.chemotaxis.train.Trainer;
import org.chemotaxis.train.Training;
import org.junit.jupiter.api.Test;

/**
 * The library API without actors: weight perturbation and BPTT both learn the sine task, and a
 * run is a pure function of its config.
 */
class PlainTrainingTest {

    /** 192 training sequences / batch 16 = 12 steps per epoch; 25 epochs = 300 steps. */
    private static final int EPOCHS = 25;

    private static double train(String estimator) {
        SequenceExperiment exp = new SequenceExperiment(SineConfigs.small(estimator, EPOCHS));
        assertEquals(12, exp.samples().stepsPerEpoch());
        Training t = exp.newTraining();
        List<Trainer.Epoch> history = Trainer.plain(t).run(EPOCHS);
        assertEquals(300, t.step());
        double last = history.get(history.size() - 1).validationLoss();
        System.out.printf("%s: validation MSE after 300 steps %.3e (first epoch %.3e)%n",
                estimator, last, history.get(0).validationLoss());
        return last;
    }

    @Test
    void centralWeightPerturbationLearnsTheSineWave() {
        assertTrue(train("central") < 1e-3);
    }

    @Test
    void bpttLearnsTheSineWave() {
        assertTrue(train("bptt") < 1e-3);
    }

    private static double[] thetaAfter(String estimator, int epochs, String... overrides) {
        SequenceExperiment exp = new SequenceExperiment(SineConfigs.small(estimator, epochs, overrides));
        Training t = exp.newTraining();
        Trainer.plain(t).run(epochs);
        return t.theta();
    }

    @Test
    void sameSeedGivesBitIdenticalParametersAndAnotherSeedDoesNot() {
        for (String est : new String[] {"central", "spsa", "node"}) {
            double[] a = thetaAfter(est, 2);
            double[] b = thetaAfter(est, 2);
            assertArrayEquals(a, b, 0.0, est);
            double[] c = thetaAfter(est, 2, "seed=8");
            assertFalse(Arrays.equals(a, c), est);
        }
    }
}
