package org.chemotaxis.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.chemotaxis.model.CtrnnModel;
import org.chemotaxis.model.ElmanModel;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.task.SequenceRegression.Mode;
import org.junit.jupiter.api.Test;

/**
 * Per-weight perturbation losses through the evaluator, whether the model offers a kernel or
 * not, equal full forward passes over perturbed copies bit for bit.
 */
class SequenceRegressionPerWeightTest {

    private static final double SIGMA = 1e-3;

    private static double[] bruteForce(Evaluator ev, double[] theta, boolean central) {
        double[] out = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double[] plus = theta.clone();
            plus[i] = theta[i] + SIGMA;
            double[] minus = theta.clone();
            minus[i] = theta[i] - SIGMA;
            out[i] = central ? ev.loss(plus) - ev.loss(minus) : ev.loss(plus);
        }
        return out;
    }

    @Test
    void everyModelAndModeGivesTheLossesOfFullPasses() {
        TinySequences data = TinySequences.sines(4, 12, 1, 7);
        List<RecurrentModel> models = List.of(new ElmanModel(1, 3, 1), new ElmanModel(1, 3, 2, 1),
                new CtrnnModel(1, 3, 1, 0.1));
        for (RecurrentModel m : models) {
            double[] theta = new double[m.parameterCount()];
            m.initialize(theta, 11);
            for (Mode mode : Mode.values()) {
                Evaluator ev = SequenceRegression.builder(data, m).mode(mode).washout(2).build().newEvaluator();
                ev.select(Sample.of(new int[] {2, 0, 3}));
                for (boolean central : new boolean[] {true, false}) {
                    double[] got = new double[theta.length];
                    ev.perturbedLosses(theta, SIGMA, central, 0, theta.length, got);
                    assertArrayEquals(bruteForce(ev, theta, central), got, 0.0, m + " " + mode + " central " + central);
                }
            }
        }
    }

    @Test
    void theModelSaysWhetherItHasAKernel() {
        assertTrue(new ElmanModel(1, 3, 1).perWeightKernel(10, 2).isPresent());
        assertFalse(new ElmanModel(1, 3, 2, 1).perWeightKernel(10, 2).isPresent());
        assertTrue(new CtrnnModel(1, 3, 1, 0.1).perWeightKernel(10, 2).isPresent());
        assertEquals(new ElmanModel(2, 3, 1).parameterCount(),
                new ElmanModel(2, 3, 1).perWeightKernel(10, 2).orElseThrow().parameterCount());
        assertEquals(new CtrnnModel(2, 3, 1, 0.1).parameterCount(),
                new CtrnnModel(2, 3, 1, 0.1).perWeightKernel(10, 2).orElseThrow().parameterCount());
    }
}
