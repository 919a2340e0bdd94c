package org.chemotaxis.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;

import org.chemotaxis.model.CtrnnModel;
import org.chemotaxis.model.ElmanModel;
import org.chemotaxis.model.NoiseSource;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.task.SequenceRegression.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BPTT and the node-perturbation local gradient against finite differences of the loss, for
 * every model shape and both modes (H = 5, B = 3, T = 12, two input/output components).
 */
class SequenceRegressionGradientTest {

    private static final int T = 12;
    private static final int WASHOUT = 3;
    private static final Sample BATCH = Sample.of(new int[] {2, 0, 3});
    private static final double H = 1e-4;
    private static final double TOLERANCE = 1e-6;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Mode mode : Mode.values()) {
            b.add(Arguments.of("elman, 1 layer", new ElmanModel(2, 5, 1, 2), mode));
            b.add(Arguments.of("elman, 2 layers", new ElmanModel(2, 5, 2, 2), mode));
            b.add(Arguments.of("ctrnn", new CtrnnModel(2, 5, 2, 0.5), mode));
        }
        return b.build();
    }

    private static Evaluator evaluator(RecurrentModel model, Mode mode) {
        SequenceRegression objective = SequenceRegression.builder(TinySequences.sines(4, T, 2, 7L), model)
                .mode(mode).washout(WASHOUT).build();
        Evaluator ev = objective.newEvaluator();
        ev.select(BATCH);
        return ev;
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("cases")
    void bpttMatchesFiniteDifferences(String name, RecurrentModel model, Mode mode) {
        Evaluator ev = evaluator(model, mode);
        double[] theta = Numerics.randomTheta(model, 11L);
        double[] grad = new double[theta.length];
        Arrays.fill(grad, 123.0); // must be overwritten
        double loss = ev.lossAndGradient(theta, grad);
        double[] fd = Numerics.gradient(ev::loss, theta, H);

        assertEquals(ev.loss(theta), loss, 0.0, "lossAndGradient returns the loss");
        assertTrue(norm(fd) > 1e-2, "gradient must not vanish, or the check is empty");
        double err = Numerics.maxRelErr(grad, fd);
        System.out.printf("BPTT vs FD, %s, %s: max rel err %.3e (P=%d)%n", name, mode, err, theta.length);
        assertTrue(err < TOLERANCE, "max relative error " + err);
    }

    /**
     * Node perturbation's identity: dL/dtheta = sum_t localGradient(dL/dnoise_t). The noise
     * derivatives come from finite differences of the noisy loss, the right side from finite
     * differences of the plain loss, so this checks what a "site" is and what is held fixed.
     */
    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("cases")
    void localGradientChainsNoiseDerivativesToTheGradient(String name, RecurrentModel model, Mode mode) {
        Evaluator ev = evaluator(model, mode);
        double[] theta = Numerics.randomTheta(model, 12L);
        int width = ev.noiseWidth();
        assertEquals(BATCH.size() * model.noiseSize(), width);
        assertEquals(T, ev.timeSteps());

        double[][] dNoise = new double[T][width];
        for (int t = 0; t < T; t++) {
            for (int j = 0; j < width; j++) {
                dNoise[t][j] = noiseDerivative(ev, theta, t, j);
            }
        }
        double[] grad = new double[theta.length];
        Arrays.fill(grad, 1.0); // localGradient adds
        double loss = ev.localGradient(theta, (t, out) -> System.arraycopy(dNoise[t], 0, out, 0, width), grad);
        for (int p = 0; p < grad.length; p++) {
            grad[p] -= 1.0;
        }
        double[] fd = Numerics.gradient(ev::loss, theta, H);

        assertEquals(ev.loss(theta), loss, 0.0, "localGradient returns the noiseless loss");
        double err = Numerics.maxRelErr(grad, fd);
        System.out.printf("sum_t local(dL/dnoise) vs FD, %s, %s: max rel err %.3e%n", name, mode, err);
        assertTrue(err < TOLERANCE, "max relative error " + err);
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("cases")
    void zeroNoiseGivesExactlyTheLoss(String name, RecurrentModel model, Mode mode) {
        Evaluator ev = evaluator(model, mode);
        double[] theta = Numerics.randomTheta(model, 13L);
        double plain = ev.loss(theta);
        assertEquals(plain, ev.loss(theta, (t, out) -> Arrays.fill(out, 0.0)), 0.0);
        assertNotEquals(plain, ev.loss(theta, (t, out) -> Arrays.fill(out, 1e-3)));
    }

    /** d loss / d noise[t][j] at zero noise, fourth-order central difference. */
    private static double noiseDerivative(Evaluator ev, double[] theta, int t, int j) {
        double p1 = ev.loss(theta, oneHot(t, j, H));
        double m1 = ev.loss(theta, oneHot(t, j, -H));
        double p2 = ev.loss(theta, oneHot(t, j, 2 * H));
        double m2 = ev.loss(theta, oneHot(t, j, -2 * H));
        return (8 * (p1 - m1) - (p2 - m2)) / (12 * H);
    }

    private static NoiseSource oneHot(int t0, int j0, double value) {
        return (t, out) -> {
            Arrays.fill(out, 0.0);
            if (t == t0) {
                out[j0] = value;
            }
        };
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
