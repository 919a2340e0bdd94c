package org.chemotaxis.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The fast functions against StrictMath (fdlibm, below 1 ulp): the error in units of the result's ulp. */
class DeterministicMathTest {

    private static double worstUlps(DoubleUnaryOperator fast, DoubleUnaryOperator strict, DoubleSupplier args, int n) {
        double worst = 0;
        double worstAt = Double.NaN;
        for (int i = 0; i < n; i++) {
            double x = args.getAsDouble();
            double ref = strict.applyAsDouble(x);
            double u = Math.abs(fast.applyAsDouble(x) - ref) / Math.ulp(ref);
            if (u > worst) {
                worst = u;
                worstAt = x;
            }
        }
        System.out.println("worst error " + worst + " ulp at x = " + worstAt);
        return worst;
    }

    @Test
    void expIsWithinOneUlp() {
        SplittableRandom r = new SplittableRandom(3);
        assertTrue(worstUlps(DeterministicMath::exp, StrictMath::exp, () -> -700 + 1409 * r.nextDouble(), 1_000_000) <= 1);
        assertTrue(worstUlps(DeterministicMath::exp, StrictMath::exp, () -> -25 + 25 * r.nextDouble(), 1_000_000) <= 1);
        assertTrue(worstUlps(DeterministicMath::exp, StrictMath::exp, () -> 1e-12 * (r.nextDouble() - 0.5), 100_000) <= 1);
    }

    @Test
    void expEdges() {
        assertEquals(1.0, DeterministicMath.exp(0.0), 0.0);
        assertEquals(1.0, DeterministicMath.exp(-0.0), 0.0);
        assertEquals(0.0, DeterministicMath.exp(-707.5), 0.0);
        assertEquals(0.0, DeterministicMath.exp(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, DeterministicMath.exp(709.8), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, DeterministicMath.exp(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(StrictMath.exp(709.78), DeterministicMath.exp(709.78), Math.ulp(StrictMath.exp(709.78)));
        assertEquals(StrictMath.exp(-706.9), DeterministicMath.exp(-706.9), Math.ulp(StrictMath.exp(-706.9)));
        assertTrue(Double.isNaN(DeterministicMath.exp(Double.NaN)));
    }

    @Test
    void logIsWithinOneUlp() {
        SplittableRandom r = new SplittableRandom(5);
        assertTrue(worstUlps(DeterministicMath::log, StrictMath::log, () -> Math.pow(10, -300 + 600 * r.nextDouble()), 1_000_000) <= 1);
        assertTrue(worstUlps(DeterministicMath::log, StrictMath::log, () -> 1e-9 + r.nextDouble(), 1_000_000) <= 1);
        // Near 1 the result is small: the error relative to it is what counts.
        assertTrue(worstUlps(DeterministicMath::log, StrictMath::log, () -> 1 + 1e-6 * (r.nextDouble() - 0.5), 100_000) <= 1);
    }

    @Test
    void logEdges() {
        assertEquals(0.0, DeterministicMath.log(1.0), 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, DeterministicMath.log(0.0), 0.0);
        assertTrue(Double.isNaN(DeterministicMath.log(-1.0)));
        assertEquals(StrictMath.log(Double.MIN_VALUE), DeterministicMath.log(Double.MIN_VALUE), 0.0);
        assertEquals(StrictMath.log(Double.MAX_VALUE), DeterministicMath.log(Double.MAX_VALUE), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, DeterministicMath.log(Double.POSITIVE_INFINITY), 0.0);
        for (int e = -1022; e <= 1023; e++) {
            double x = Math.scalb(1.0, e);
            assertEquals(StrictMath.log(x), DeterministicMath.log(x), Math.ulp(StrictMath.log(x)), "2^" + e);
        }
    }

    @Test
    void sinAndCosAreWithinTwoUlp() {
        SplittableRandom r = new SplittableRandom(7);
        DoubleSupplier headings = () -> -10 + 20 * r.nextDouble();
        assertTrue(worstUlps(DeterministicMath::sin, StrictMath::sin, headings, 1_000_000) <= 2);
        assertTrue(worstUlps(DeterministicMath::cos, StrictMath::cos, headings, 1_000_000) <= 2);
        DoubleSupplier wide = () -> -1e5 + 2e5 * r.nextDouble();
        assertTrue(worstUlps(DeterministicMath::sin, StrictMath::sin, wide, 300_000) <= 2);
        assertTrue(worstUlps(DeterministicMath::cos, StrictMath::cos, wide, 300_000) <= 2);
    }

    @Test
    void trigEdges() {
        assertEquals(0.0, DeterministicMath.sin(0.0), 0.0);
        assertEquals(1.0, DeterministicMath.cos(0.0), 0.0);
        for (int k = -40; k <= 40; k++) {
            // Multiples of pi/2: the reduction's hardest arguments; the error is absolute there.
            double x = k * (Math.PI / 2);
            assertEquals(StrictMath.sin(x), DeterministicMath.sin(x), 1e-30 + 2 * Math.ulp(StrictMath.sin(x)), "sin " + x);
            assertEquals(StrictMath.cos(x), DeterministicMath.cos(x), 1e-30 + 2 * Math.ulp(StrictMath.cos(x)), "cos " + x);
        }
        assertEquals(StrictMath.sin(1e6), DeterministicMath.sin(1e6), 0.0);
        assertEquals(StrictMath.cos(1e300), DeterministicMath.cos(1e300), 0.0);
        assertTrue(Double.isNaN(DeterministicMath.sin(Double.NaN)));
        assertTrue(Double.isNaN(DeterministicMath.cos(Double.POSITIVE_INFINITY)));
    }
}
