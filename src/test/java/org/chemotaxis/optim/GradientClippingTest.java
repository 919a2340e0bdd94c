package org.chemotaxis.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradientClippingTest {

    @Test
    void clipsAThreeFourFiveVectorToTheThreshold() {
        double[] g = {3.0, -4.0};
        double norm = GradientClipping.clipByGlobalNorm(g, 1.0);
        assertEquals(5.0, norm, 1e-15);
        assertArrayEquals(new double[] {0.6, -0.8}, g, 1e-15);
    }

    @Test
    void preservesDirectionAndReachesMaxNorm() {
        double[] g = new double[10];
        for (int i = 0; i < g.length; i++) {
            g[i] = Math.cos(2.1 * i) * (i + 1);
        }
        double[] before = g.clone();
        double naive = 0.0;
        for (double v : before) {
            naive += v * v;
        }
        naive = Math.sqrt(naive);
        double norm = GradientClipping.clipByGlobalNorm(g, 0.5);
        assertEquals(naive, norm, 1e-12 * naive);
        double ratio = 0.5 / naive;
        for (int i = 0; i < g.length; i++) {
            assertEquals(before[i] * ratio, g[i], 1e-15, "entry " + i);
            assertEquals(Math.signum(before[i]), Math.signum(g[i]));
        }
        double after = 0.0;
        for (double v : g) {
            after += v * v;
        }
        assertEquals(0.5, Math.sqrt(after), 1e-14);
    }

    @Test
    void leavesGradientUntouchedBelowOrAtThreshold() {
        double[] g = {3.0, -4.0};
        assertEquals(5.0, GradientClipping.clipByGlobalNorm(g, 10.0), 1e-15);
        assertArrayEquals(new double[] {3.0, -4.0}, g, 0.0);
        assertEquals(5.0, GradientClipping.clipByGlobalNorm(g, 5.0), 1e-15);
        assertArrayEquals(new double[] {3.0, -4.0}, g, 0.0);
    }

    @Test
    void nonPositiveOrInfiniteMaxNormMeansOff() {
        for (double off : new double[] {0.0, -1.0, Double.POSITIVE_INFINITY, Double.NaN}) {
            double[] g = {30.0, -40.0};
            assertEquals(50.0, GradientClipping.clipByGlobalNorm(g, off), 1e-13, "maxNorm " + off);
            assertArrayEquals(new double[] {30.0, -40.0}, g, 0.0, "maxNorm " + off);
        }
    }

    @Test
    void hugeEntriesDoNotOverflow() {
        // The naive sum of squares would be 9e400 + 16e400 = Infinity.
        double[] g = {3e200, 4e200};
        double norm = GradientClipping.clipByGlobalNorm(g, 1.0);
        assertEquals(5e200, norm, 5e200 * 1e-15);
        assertArrayEquals(new double[] {0.6, 0.8}, g, 1e-15);
        assertEquals(5e200, GradientClipping.norm(new double[] {3e200, -4e200}), 5e200 * 1e-15);
    }

    @Test
    void tinyEntriesDoNotUnderflow() {
        // The naive sum of squares would be 9e-400 + 16e-400 = 0.
        assertEquals(5e-200, GradientClipping.norm(new double[] {3e-200, -4e-200}), 5e-200 * 1e-15);
    }

    @Test
    void clipsEvenWhenTheNormItselfExceedsMaxValue() {
        double[] g = {1.5e308, -1.5e308};
        double norm = GradientClipping.clipByGlobalNorm(g, 2.0);
        assertEquals(Double.POSITIVE_INFINITY, norm);
        assertArrayEquals(new double[] {Math.sqrt(2.0), -Math.sqrt(2.0)}, g, 1e-15);
    }

    @Test
    void nonFiniteGradientIsReportedAndLeftAlone() {
        double[] withNaN = {1.0, Double.NaN, 1e10};
        assertTrue(Double.isNaN(GradientClipping.clipByGlobalNorm(withNaN, 1.0)));
        assertEquals(1e10, withNaN[2]);
        double[] withInf = {1.0, Double.NEGATIVE_INFINITY};
        assertEquals(Double.POSITIVE_INFINITY, GradientClipping.clipByGlobalNorm(withInf, 1.0));
        assertEquals(1.0, withInf[0]);
    }

    @Test
    void zeroAndEmptyGradientsHaveNormZero() {
        double[] zero = new double[4];
        assertEquals(0.0, GradientClipping.clipByGlobalNorm(zero, 1.0));
        assertArrayEquals(new double[4], zero, 0.0);
        assertEquals(0.0, GradientClipping.clipByGlobalNorm(new double[0], 1.0));
    }
}
