package org.chemotaxis.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.chemotaxis.task.Numerics;
import org.chemotaxis.util.RandomStreams;
import org.chemotaxis.util.RandomStreams.Purpose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One time step in isolation: backward is the transpose of the step's Jacobian, checked by
 * finite differences of phi = <dOut, output> + <dState, stateOut> wrt theta, the previous state
 * and the input (batch of 2 rows).
 */
class ModelStepTest {

    private static final int BATCH = 2;
    private static final double H = 1e-4;

    static Stream<RecurrentModel> models() {
        return Stream.of(new ElmanModel(3, 4, 1, 2), new ElmanModel(3, 4, 2, 2), new ElmanModel(2, 3, 3, 1),
                new CtrnnModel(3, 4, 2, 0.3));
    }

    @ParameterizedTest
    @MethodSource("models")
    void backwardIsTheTransposedJacobianOfOneStep(RecurrentModel m) {
        SplittableRandom rng = RandomStreams.stream(5L, Purpose.TEST, 0, 0);
        double[] theta = Numerics.randomTheta(m, 3L);
        double[] stateIn = random(rng, BATCH * m.stateSize());
        double[] input = random(rng, BATCH * m.inputSize());
        double[] dOut = random(rng, BATCH * m.outputSize());
        double[] dState = random(rng, BATCH * m.stateSize());

        double[] tape = new double[5 + BATCH * m.tapeSize()];
        double[] stateOut = new double[BATCH * m.stateSize()];
        double[] output = new double[BATCH * m.outputSize()];
        m.step(theta, stateIn, stateOut, input, output, BATCH, null, tape, 5);

        double[] grad = new double[theta.length];
        Arrays.fill(grad, 1.0); // backward accumulates
        double[] dStateOut = new double[stateIn.length];
        double[] dInput = new double[input.length];
        Arrays.fill(dStateOut, 9.0); // overwritten
        Arrays.fill(dInput, 9.0);
        m.backward(theta, tape, 5, BATCH, dOut, dState, dStateOut, dInput, grad);
        for (int p = 0; p < grad.length; p++) {
            grad[p] -= 1.0;
        }

        double[] fdTheta = Numerics.gradient(th -> phi(m, th, stateIn, input, dOut, dState), theta, H);
        double[] fdState = Numerics.gradient(s -> phi(m, theta, s, input, dOut, dState), stateIn, H);
        double[] fdInput = Numerics.gradient(x -> phi(m, theta, stateIn, x, dOut, dState), input, H);
        double err = Math.max(Numerics.maxRelErr(grad, fdTheta),
                Math.max(Numerics.maxRelErr(dStateOut, fdState), Numerics.maxRelErr(dInput, fdInput)));
        System.out.printf("one-step backward vs FD, %s: max rel err %.3e%n", m, err);
        assertTrue(err < 1e-7, "max relative error " + err);

        // Without dInput the rest is unchanged.
        double[] grad2 = new double[theta.length];
        double[] dStateOut2 = new double[stateIn.length];
        m.backward(theta, tape, 5, BATCH, dOut, dState, dStateOut2, null, grad2);
        assertArrayEquals(dStateOut, dStateOut2, 0.0);
    }

    private static double phi(RecurrentModel m, double[] theta, double[] stateIn, double[] input,
                              double[] dOut, double[] dState) {
        double[] stateOut = new double[stateIn.length];
        double[] output = new double[dOut.length];
        m.step(theta, stateIn, stateOut, input, output, BATCH, null, null, 0);
        return dot(dOut, output) + dot(dState, stateOut);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] random(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble(-1, 1);
        }
        return v;
    }
}
