package org.chemotaxis.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void rSquaredIsOneMinusTheShareOfUnexplainedVariance() {
        double[] target = {3, -0.5, 2, 7};
        double[] pred = {2.5, 0.0, 2, 8};
        // SS_res = 0.5^2 + 0.5^2 + 0 + 1^2 = 1.5; SS_tot from the mean 2.875, computed here.
        double mean = (3 - 0.5 + 2 + 7) / 4.0;
        double ssTot = 0;
        for (double t : target) {
            ssTot += (t - mean) * (t - mean);
        }
        assertEquals(29.1875, ssTot, 1e-12);
        double r2 = Metrics.rSquared(Metrics.mse(pred, target), ssTot / target.length);
        assertEquals(1 - 1.5 / 29.1875, r2, 1e-15);
        // predicting the mean scores 0; worse than the mean scores below 0
        assertEquals(0.0, Metrics.rSquared(Metrics.mse(new double[] {2, 2, 2}, new double[] {1, 2, 3}), 2.0 / 3.0),
                1e-15);
        assertEquals(1 - 18.0 / 2.0,
                Metrics.rSquared(Metrics.mse(new double[] {4, 2, 0}, new double[] {1, 2, 3}), 2.0 / 3.0), 1e-15);
        assertEquals(1.0, Metrics.rSquared(0.0, 0.25));
    }

    @Test
    void rSquaredOfTargetsThatDoNotVaryIsUndefined() {
        assertTrue(Double.isNaN(Metrics.rSquared(0.0, 0.0)));
        assertTrue(Double.isNaN(Metrics.rSquared(1.0, 0.0)));
    }

    @Test
    void mismatchedOrEmptyInputsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.mse(new double[2], new double[3]));
        assertEquals("pred and target must have the same length, but had 2 and 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.mse(new double[0], new double[0]));
    }
}
