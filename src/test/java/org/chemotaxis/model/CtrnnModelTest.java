package org.chemotaxis.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.chemotaxis.task.Numerics;
import org.chemotaxis.util.RandomStreams;
import org.chemotaxis.util.RandomStreams.Purpose;
import org.junit.jupiter.api.Test;

class CtrnnModelTest {

    @Test
    void layoutNamesAndCount() {
        int in = 2;
        int n = 5;
        int out = 3;
        CtrnnModel m = new CtrnnModel(in, n, out, 0.1);
        ParameterLayout lay = m.layout();
        assertEquals(List.of("log_tau", "theta", "w", "v", "r", "b"), lay.names());
        assertEquals(2 * n + n * n + n * in + out * n + out, m.parameterCount());
        assertEquals(new ParameterLayout.Slice("w", 2 * n, n, n), lay.slice("w"));
        assertEquals(new ParameterLayout.Slice("v", 2 * n + n * n, n, in), lay.slice("v"));
        assertEquals(new ParameterLayout.Slice("r", 2 * n + n * n + n * in, out, n), lay.slice("r"));
        assertEquals("log_tau", lay.sliceOf(n - 1).name());
        assertEquals("theta", lay.sliceOf(n).name());
        assertEquals("b", lay.sliceOf(m.parameterCount() - 1).name());
        assertEquals(n, m.stateSize());
        assertEquals(n + out, m.noiseSize());
    }

    @Test
    void initialisationFollowsTheSpecAndIsDeterministic() {
        CtrnnModel m = new CtrnnModel(4, 16, 2, 0.1);
        ParameterLayout lay = m.layout();
        double[] a = new double[m.parameterCount()];
        double[] b = new double[m.parameterCount()];
        double[] c = new double[m.parameterCount()];
        m.initialize(a, 9L);
        m.initialize(b, 9L);
        m.initialize(c, 10L);
        assertArrayEquals(a, b, 0.0);
        assertFalse(Arrays.equals(a, c));
        for (ParameterLayout.Slice s : lay.slices()) {
            double[] part = Arrays.copyOfRange(a, s.offset(), s.offset() + s.size());
            double min = Arrays.stream(part).min().orElseThrow();
            double max = Arrays.stream(part).max().orElseThrow();
            switch (s.name()) {
                case "log_tau", "b" -> assertTrue(min == 0.0 && max == 0.0, s.name() + " must be 0");
                case "theta" -> assertTrue(min >= -1 && max <= 1 && max - min > 1.0, "theta range " + min + ".." + max);
                default -> assertTrue(min >= -0.25 && max <= 0.25 && max - min > 0.4, s.name() + " " + min + ".." + max);
            }
        }
    }

    @Test
    void validationNamesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CtrnnModel(1, 4, 1, 0.0));
        assertEquals("dt must be a finite number > 0, but was 0.0 (model.dt)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CtrnnModel(1, 4, 1, Double.NaN));
        e = assertThrows(IllegalArgumentException.class, () -> new CtrnnModel(1, 0, 1, 0.1));
        assertEquals("neurons must be > 0, but was 0 (model.hidden)", e.getMessage());
    }

    private static double sigma(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Beer's equation, one Euler step, written out from the layout; two rows. */
    @Test
    void stepIsOneEulerStepOfBeersEquation() {
        int in = 2;
        int n = 3;
        int out = 2;
        double dt = 0.2;
        CtrnnModel m = new CtrnnModel(in, n, out, dt);
        ParameterLayout lay = m.layout();
        SplittableRandom rng = RandomStreams.stream(7L, Purpose.TEST, 0, 0);
        double[] theta = ModelStepTest.random(rng, m.parameterCount());
        double[] y = ModelStepTest.random(rng, 2 * n);
        double[] x = ModelStepTest.random(rng, 2 * in);
        double[] yOut = new double[2 * n];
        double[] o = new double[2 * out];
        m.step(theta, y, yOut, x, o, 2, null, null, 0);

        for (int r = 0; r < 2; r++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                double tau = Math.exp(theta[lay.slice("log_tau").index(i, 0)]);
                double drive = -y[r * n + i];
                for (int j = 0; j < n; j++) {
                    // w_ji: from j to i.
                    drive += theta[lay.slice("w").index(j, i)]
                            * sigma(y[r * n + j] + theta[lay.slice("theta").index(j, 0)]);
                }
                for (int k = 0; k < in; k++) {
                    drive += theta[lay.slice("v").index(i, k)] * x[r * in + k];
                }
                next[i] = y[r * n + i] + dt / tau * drive;
                assertEquals(next[i], yOut[r * n + i], 1e-14);
            }
            for (int c = 0; c < out; c++) {
                double expect = theta[lay.slice("b").index(c, 0)];
                for (int i = 0; i < n; i++) {
                    expect += theta[lay.slice("r").index(c, i)]
                            * sigma(next[i] + theta[lay.slice("theta").index(i, 0)]);
                }
                assertEquals(expect, o[r * out + c], 1e-14);
            }
        }
    }

    @Test
    void hiddenNoiseIsAddedToTheEulerUpdate() {
        CtrnnModel m = new CtrnnModel(1, 3, 1, 0.1);
        SplittableRandom rng = RandomStreams.stream(8L, Purpose.TEST, 0, 0);
        double[] theta = ModelStepTest.random(rng, m.parameterCount());
        double[] y = ModelStepTest.random(rng, 3);
        double[] x = {0.3};
        double[] plain = new double[3];
        m.step(theta, y, plain, x, new double[1], 1, null, null, 0);
        double[] noise = {0.1, -0.2, 0.3, 0.5};
        double[] noisy = new double[3];
        double[] o = new double[1];
        m.step(theta, y, noisy, x, o, 1, noise, null, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(plain[i] + noise[i], noisy[i], 1e-15);
        }
        // The output reads the noisy state, then gets its own noise.
        double[] o2 = new double[1];
        m.step(theta, y, new double[3], x, o2, 1, new double[] {0.1, -0.2, 0.3, 0.0}, null, 0);
        assertEquals(o2[0] + 0.5, o[0], 1e-15);
    }

    /**
     * d/dtheta (<c_h, y_t> + <c_o, out_t>) at zero noise with what each site reads fixed: y_{t-1}
     * and x_t for the neurons, y_t for the outputs (readout written out by hand).
     */
    @Test
    void localGradientDifferentiatesTheSitesOfOneStep() {
        CtrnnModel m = new CtrnnModel(2, 4, 2, 0.3);
        ParameterLayout lay = m.layout();
        SplittableRandom rng = RandomStreams.stream(9L, Purpose.TEST, 0, 0);
        double[] theta = Numerics.randomTheta(m, 5L);
        double[] y = ModelStepTest.random(rng, 2 * 4);
        double[] x = ModelStepTest.random(rng, 2 * 2);
        double[] c = ModelStepTest.random(rng, 2 * m.noiseSize());
        double[] tape = new double[2 * m.tapeSize()];
        double[] yNew = new double[8];
        m.step(theta, y, yNew, x, new double[4], 2, null, tape, 0);
        double[] grad = new double[theta.length];
        m.localGradient(theta, tape, 0, 2, c, grad);

        double[] fd = Numerics.gradient(th -> {
            double[] s = new double[8];
            m.step(th, y, s, x, new double[4], 2, null, null, 0);
            double phi = 0;
            for (int r = 0; r < 2; r++) {
                for (int i = 0; i < 4; i++) {
                    phi += c[r * 6 + i] * s[r * 4 + i];
                }
                for (int k = 0; k < 2; k++) {
                    double o = th[lay.slice("b").index(k, 0)];
                    for (int i = 0; i < 4; i++) {
                        o += th[lay.slice("r").index(k, i)]
                                * sigma(yNew[r * 4 + i] + th[lay.slice("theta").index(i, 0)]);
                    }
                    phi += c[r * 6 + 4 + k] * o;
                }
            }
            return phi;
        }, theta, 1e-4);
        double err = Numerics.maxRelErr(grad, fd);
        System.out.printf("CTRNN one-step local gradient vs FD: max rel err %.3e%n", err);
        assertTrue(err < 1e-7, "max relative error " + err);
    }
}
