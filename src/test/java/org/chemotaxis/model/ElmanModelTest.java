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

class ElmanModelTest {

    @Test
    void oneLayerLayoutMatchesThePeerOrder() {
        ElmanModel m = new ElmanModel(3, 4, 2);
        ParameterLayout lay = m.layout();
        assertEquals(List.of("w_xh", "w_hh", "b_h", "w_hy", "b_y"), lay.names());
        assertEquals(4 * 3 + 4 * 4 + 4 + 2 * 4 + 2, m.parameterCount());
        assertEquals(new ParameterLayout.Slice("w_xh", 0, 4, 3), lay.slice("w_xh"));
        assertEquals(new ParameterLayout.Slice("w_hh", 12, 4, 4), lay.slice("w_hh"));
        assertEquals(new ParameterLayout.Slice("b_h", 28, 4, 1), lay.slice("b_h"));
        assertEquals(new ParameterLayout.Slice("w_hy", 32, 2, 4), lay.slice("w_hy"));
        assertEquals(new ParameterLayout.Slice("b_y", 40, 2, 1), lay.slice("b_y"));
        assertEquals("w_xh", lay.sliceOf(11).name());
        assertEquals("w_hh", lay.sliceOf(12).name());
        assertEquals("b_y", lay.sliceOf(41).name());
        assertThrows(IndexOutOfBoundsException.class, () -> lay.sliceOf(42));
        assertEquals(4, m.stateSize());
        assertEquals(4 + 2, m.noiseSize());
    }

    @Test
    void deeperLayersSitBetweenLayerZeroAndTheReadout() {
        int i = 2;
        int h = 5;
        int o = 3;
        ElmanModel m = new ElmanModel(i, h, 3, o);
        assertEquals(List.of("w_xh", "w_hh", "b_h", "w_xh1", "w_hh1", "b_h1", "w_xh2", "w_hh2", "b_h2", "w_hy", "b_y"),
                m.layout().names());
        assertEquals(h * i + h * h + h + 2 * (2 * h * h + h) + o * h + o, m.parameterCount());
        assertEquals(h, m.layout().slice("w_xh1").cols());
        assertEquals(h * i + h * h + h, m.layout().slice("w_xh1").offset());
        assertEquals("b_h2", m.layout().sliceOf(m.layout().slice("w_hy").offset() - 1).name());
        assertEquals(3 * h, m.stateSize());
        assertEquals(3 * h + o, m.noiseSize());
    }

    @Test
    void initialisationIsDeterministicAndPyTorchUniform() {
        ElmanModel m = new ElmanModel(2, 16, 2, 1);
        double[] a = new double[m.parameterCount()];
        double[] b = new double[m.parameterCount()];
        double[] c = new double[m.parameterCount()];
        m.initialize(a, 42L);
        m.initialize(b, 42L);
        m.initialize(c, 43L);
        assertArrayEquals(a, b, 0.0);
        assertFalse(Arrays.equals(a, c));
        double k = 1.0 / Math.sqrt(16);
        double min = Arrays.stream(a).min().orElseThrow();
        double max = Arrays.stream(a).max().orElseThrow();
        assertTrue(min >= -k && max <= k, "range " + min + " .. " + max);
        assertTrue(min < -0.9 * k && max > 0.9 * k, "covers the range: " + min + " .. " + max);
    }

    @Test
    void validationNamesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ElmanModel(1, -3, 1));
        assertEquals("hidden must be > 0, but was -3 (model.hidden)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ElmanModel(1, 3, 0, 1));
        assertEquals("layers must be > 0, but was 0 (model.layers)", e.getMessage());
    }

    /** The step written out by hand from the layout, two rows, two layers. */
    @Test
    void stepComputesTanhLayersAndALinearReadout() {
        int in = 2;
        int h = 3;
        int out = 2;
        ElmanModel m = new ElmanModel(in, h, 2, out);
        ParameterLayout lay = m.layout();
        SplittableRandom rng = RandomStreams.stream(1L, Purpose.TEST, 0, 0);
        double[] theta = ModelStepTest.random(rng, m.parameterCount());
        double[] stateIn = ModelStepTest.random(rng, 2 * 2 * h);
        double[] input = ModelStepTest.random(rng, 2 * in);
        double[] stateOut = new double[stateIn.length];
        double[] output = new double[2 * out];
        m.step(theta, stateIn, stateOut, input, output, 2, null, null, 0);

        for (int r = 0; r < 2; r++) {
            double[] h0 = new double[h];
            double[] h1 = new double[h];
            for (int u = 0; u < h; u++) {
                double a = theta[lay.slice("b_h").index(u, 0)];
                for (int j = 0; j < in; j++) {
                    a += theta[lay.slice("w_xh").index(u, j)] * input[r * in + j];
                }
                for (int j = 0; j < h; j++) {
                    a += theta[lay.slice("w_hh").index(u, j)] * stateIn[r * 2 * h + j];
                }
                h0[u] = Math.tanh(a);
            }
            for (int u = 0; u < h; u++) {
                double a = theta[lay.slice("b_h1").index(u, 0)];
                for (int j = 0; j < h; j++) {
                    a += theta[lay.slice("w_xh1").index(u, j)] * h0[j];
                    a += theta[lay.slice("w_hh1").index(u, j)] * stateIn[r * 2 * h + h + j];
                }
                h1[u] = Math.tanh(a);
            }
            for (int u = 0; u < h; u++) {
                assertEquals(h0[u], stateOut[r * 2 * h + u], 1e-15);
                assertEquals(h1[u], stateOut[r * 2 * h + h + u], 1e-15);
            }
            for (int o = 0; o < out; o++) {
                double y = theta[lay.slice("b_y").index(o, 0)];
                for (int j = 0; j < h; j++) {
                    y += theta[lay.slice("w_hy").index(o, j)] * h1[j];
                }
                assertEquals(y, output[r * out + o], 1e-14);
            }
        }
    }

    /** A site's noise acts exactly like a shift of that unit's bias. */
    @Test
    void noiseSitesArePreActivationsThenOutputs() {
        ElmanModel m = new ElmanModel(2, 3, 2, 2);
        SplittableRandom rng = RandomStreams.stream(2L, Purpose.TEST, 0, 0);
        double[] theta = ModelStepTest.random(rng, m.parameterCount());
        double[] stateIn = ModelStepTest.random(rng, m.stateSize());
        double[] input = ModelStepTest.random(rng, 2);
        String[] biasOfSite = {"b_h", "b_h", "b_h", "b_h1", "b_h1", "b_h1", "b_y", "b_y"};
        for (int site = 0; site < m.noiseSize(); site++) {
            double[] noise = new double[m.noiseSize()];
            noise[site] = 0.25;
            double[] s1 = new double[m.stateSize()];
            double[] y1 = new double[2];
            m.step(theta, stateIn, s1, input, y1, 1, noise, null, 0);

            double[] shifted = theta.clone();
            ParameterLayout.Slice bias = m.layout().slice(biasOfSite[site]);
            shifted[bias.offset() + (site < 6 ? site % 3 : site - 6)] += 0.25;
            double[] s2 = new double[m.stateSize()];
            double[] y2 = new double[2];
            m.step(shifted, stateIn, s2, input, y2, 1, null, null, 0);
            assertArrayEquals(s2, s1, 1e-15, "site " + site);
            assertArrayEquals(y2, y1, 1e-15, "site " + site);
        }
    }

    /**
     * One layer: d/dtheta (<c_h, pre-activation> + <c_y, output>) with everything the sites read
     * fixed: the previous state and the input for the hidden sites (the pre-activation recovered
     * as atanh of the new state), the new state for the outputs (readout written out by hand).
     */
    @Test
    void localGradientDifferentiatesTheSitesOfOneStep() {
        ElmanModel m = new ElmanModel(2, 4, 1, 2);
        ParameterLayout lay = m.layout();
        SplittableRandom rng = RandomStreams.stream(3L, Purpose.TEST, 0, 0);
        double[] theta = Numerics.randomTheta(m, 4L);
        double[] stateIn = ModelStepTest.random(rng, 2 * m.stateSize());
        double[] input = ModelStepTest.random(rng, 2 * 2);
        double[] c = ModelStepTest.random(rng, 2 * m.noiseSize());
        double[] tape = new double[2 * m.tapeSize()];
        double[] newState = new double[stateIn.length];
        m.step(theta, stateIn, newState, input, new double[4], 2, null, tape, 0);
        double[] grad = new double[theta.length];
        m.localGradient(theta, tape, 0, 2, c, grad);

        double[] fd = Numerics.gradient(th -> {
            double[] s = new double[stateIn.length];
            m.step(th, stateIn, s, input, new double[4], 2, null, null, 0);
            double phi = 0;
            for (int r = 0; r < 2; r++) {
                for (int u = 0; u < 4; u++) {
                    double hv = s[r * 4 + u];
                    phi += c[r * 6 + u] * 0.5 * Math.log((1 + hv) / (1 - hv));
                }
                for (int o = 0; o < 2; o++) {
                    double y = th[lay.slice("b_y").index(o, 0)];
                    for (int j = 0; j < 4; j++) {
                        y += th[lay.slice("w_hy").index(o, j)] * newState[r * 4 + j];
                    }
                    phi += c[r * 6 + 4 + o] * y;
                }
            }
            return phi;
        }, theta, 1e-4);
        double err = Numerics.maxRelErr(grad, fd);
        System.out.printf("Elman one-step local gradient vs FD: max rel err %.3e%n", err);
        assertTrue(err < 1e-7, "max relative error " + err);
    }

    /** backward's scratch must not disturb what localGradient reads from the same tape. */
    @Test
    void backwardLeavesTheTapeUsableForLocalGradients() {
        ElmanModel m = new ElmanModel(2, 3, 3, 1);
        SplittableRandom rng = RandomStreams.stream(6L, Purpose.TEST, 0, 0);
        double[] theta = ModelStepTest.random(rng, m.parameterCount());
        double[] stateIn = ModelStepTest.random(rng, 2 * m.stateSize());
        double[] tape = new double[2 * m.tapeSize()];
        m.step(theta, stateIn, new double[stateIn.length], ModelStepTest.random(rng, 4), new double[2], 2, null, tape, 0);
        double[] c = ModelStepTest.random(rng, 2 * m.noiseSize());
        double[] before = new double[theta.length];
        m.localGradient(theta, tape, 0, 2, c, before);
        m.backward(theta, tape, 0, 2, ModelStepTest.random(rng, 2), ModelStepTest.random(rng, stateIn.length),
                new double[stateIn.length], null, new double[theta.length]);
        double[] after = new double[theta.length];
        m.localGradient(theta, tape, 0, 2, c, after);
        assertArrayEquals(before, after, 0.0);
    }
}
