package org.chemotaxis.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void mseOfHandWorkedExample() {
        // squared errors 0, 1, 4
        assertEquals(5.0 / 3.0, Metrics.mse(new double[] {1, 2, 3}, new double[] {1, 3, 5}), 1e-15);
        assertEquals(0.0, Metrics.mse(new double[] {1.5, -2}, new double[] {1.5, -2}));
    }

    @Test
    void mseOverARange() {
        double[] pred = {9, 1, 2, 3, 9};
        double[] target = {1, 3, 5, 7};
        assertEquals(5.0 / 3.0, Metrics.mse(pred, 1, target, 0, 3), 1e-15);
        assertEquals(16.0, Metrics.mse(pred, 3, target, 3, 1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Metrics.mse(pred, 3, target, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Metrics.mse(pred, -1, target, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Metrics.mse(pred, 0, target, 0, 0));
    }

    @Test
    void softmaxOfLogsGivesTheNormalisedWeights() {
        double[] logits = {0.0, Math.log(2.0), Math.log(3.0)};
        double[] out = new double[3];
        assertSame(out, Metrics.softmax(logits, out));
        assertArrayEquals(new double[] {1.0 / 6, 2.0 / 6, 3.0 / 6}, out, 1e-15);
    }

    @Test
    void softmaxIsStableForLargeLogitsAndSumsToOne() {
        double[] big = Metrics.softmax(new double[] {1000, 1001, 1002}, new double[3]);
        double e = Math.E;
        double z = 1 + e + e * e;
        assertArrayEquals(new double[] {1 / z, e / z, e * e / z}, big, 1e-15);
        assertEquals(1.0, big[0] + big[1] + big[2], 1e-15);
        double[] mixed = Metrics.softmax(new double[] {-1000, 0, 1000}, new double[3]);
        assertArrayEquals(new double[] {0, 0, 1}, mixed, 0.0);
    }

    @Test
    void softmaxMayWorkInPlace() {
        double[] x = {0.3, -1.2, 2.5, 0.0};
        double[] expected = Metrics.softmax(x, new double[4]);
        assertSame(x, Metrics.softmax(x, x));
        assertArrayEquals(expected, x, 0.0);
    }

    @Test
    void crossEntropyIsMinusLogSoftmax() {
        double[] logits = {1.0, 2.0, 3.0, -0.5};
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3) + Math.exp(-0.5);
        assertEquals(-Math.log(Math.exp(3) / z), Metrics.crossEntropy(logits, 2), 1e-14);
        double[] p = Metrics.softmax(logits, new double[4]);
        for (int c = 0; c < 4; c++) {
            assertEquals(-Math.log(p[c]), Metrics.crossEntropy(logits, c), 1e-14, "class " + c);
        }
    }

    @Test
    void crossEntropyStaysFiniteWhereTheProbabilityUnderflows() {
        // p(class 1) = 1 / (1 + e^1000) underflows to 0, yet -log p = 1000 + log(1 + e^-1000) = 1000.
        assertEquals(1000.0, Metrics.crossEntropy(new double[] {1000, 0}, 1), 0.0);
        assertEquals(0.0, Metrics.crossEntropy(new double[] {1000, 0}, 0), 0.0);
        assertEquals(1000.0 + Math.log(2.0), Metrics.logSumExp(new double[] {1000, 1000}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Metrics.crossEntropy(new double[] {1, 2}, 2));
    }

    @Test
    void argmaxTakesTheFirstOfTiesAndFlagsNaN() {
        assertEquals(1, Metrics.argmax(new double[] {1, 3, 3, 2}));
        assertEquals(0, Metrics.argmax(new double[] {-1}));
        assertEquals(3, Metrics.argmax(new double[] {-5, -4, -3, -2}));
        assertEquals(1, Metrics.argmax(new double[] {1, Double.NaN, 5}));
    }

    @Test
    void accuracyCountsMatches() {
        assertEquals(0.75, Metrics.accuracy(new int[] {0, 1, 2, 1}, new int[] {0, 1, 1, 1}));
        assertEquals(0.0, Metrics.accuracy(new int[] {2}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(new int[] {1, 2}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(new int[0], new int[0]));
    }

    @Test
    void rSquaredOfHandWorkedExample() {
        // mean(target) = 2.875; SS_tot = 0.125^2 + 3.375^2 + 0.875^2 + 4.125^2 = 29.1875;
        // SS_res = 0.5^2 + 0.5^2 + 0 + 1^2 = 1.5
        double r2 = Metrics.rSquared(new double[] {2.5, 0.0, 2, 8}, new double[] {3, -0.5, 2, 7});
        assertEquals(1 - 1.5 / 29.1875, r2, 1e-15);
        assertEquals(1.0, Metrics.rSquared(new double[] {1, 2, 3}, new double[] {1, 2, 3}));
        // predicting the mean scores 0; worse than the mean scores below 0
        assertEquals(0.0, Metrics.rSquared(new double[] {2, 2, 2}, new double[] {1, 2, 3}), 1e-15);
        // SS_res = 3^2 + 0 + 3^2 = 18, SS_tot = 2
        assertEquals(1 - 18.0 / 2.0, Metrics.rSquared(new double[] {4, 2, 0}, new double[] {1, 2, 3}), 1e-15);
    }

    @Test
    void rSquaredOfAConstantTargetIsOneIfPerfectElseZero() {
        assertEquals(1.0, Metrics.rSquared(new double[] {4, 4}, new double[] {4, 4}));
        assertEquals(0.0, Metrics.rSquared(new double[] {4, 5}, new double[] {4, 4}));
    }

    @Test
    void mismatchedOrEmptyInputsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.mse(new double[2], new double[3]));
        assertEquals("pred and target must have the same length, but had 2 and 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.mse(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Metrics.softmax(new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Metrics.argmax(new double[0]));
        assertTrue(Double.isNaN(Metrics.logSumExp(new double[] {1, Double.NaN})));
    }
}
