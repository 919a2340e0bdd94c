package org.chemotaxis.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TanhTest {

    /** Relative error against StrictMath.tanh (fdlibm, < 1 ulp), in units of the result's ulp. */
    private static double ulps(double x) {
        double ref = StrictMath.tanh(x);
        return Math.abs(Tanh.tanh(x) - ref) / Math.ulp(ref);
    }

    @Test
    void agreesWithStrictMathWithinAFewUlpEverywhere() {
        SplittableRandom rng = new SplittableRandom(17);
        double worst = 0;
        double worstAt = 0;
        for (int n = 0; n < 2_000_000; n++) {
            double x;
            switch (n % 3) {
                case 0 -> x = -25 + 50 * rng.nextDouble();
                case 1 -> x = (rng.nextBoolean() ? 1 : -1) * Math.pow(10, -20 + 21.5 * rng.nextDouble());
                default -> x = -1.5 + 3 * rng.nextDouble();
            }
            double u = ulps(x);
            if (u > worst) {
                worst = u;
                worstAt = x;
            }
            assertEquals(-Tanh.tanh(x), Tanh.tanh(-x), 0.0, "odd at " + x);
        }
        System.out.println("tanh: worst error " + worst + " ulp at x = " + worstAt);
        // 8 ulp is a relative error below 2e-15, far inside the 1e-13 the kernels need.
        assertTrue(worst <= 8, "worst error " + worst + " ulp at x = " + worstAt);
    }

    @Test
    void specialValues() {
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Tanh.tanh(0.0)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Tanh.tanh(-0.0)));
        assertEquals(Double.MIN_VALUE, Tanh.tanh(Double.MIN_VALUE), 0.0);
        assertEquals(1e-300, Tanh.tanh(1e-300), 0.0);
        assertEquals(1.0, Tanh.tanh(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(-1.0, Tanh.tanh(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(1.0, Tanh.tanh(Double.MAX_VALUE), 0.0);
        assertEquals(-1.0, Tanh.tanh(-20.0), 0.0);
        assertTrue(Double.isNaN(Tanh.tanh(Double.NaN)));
        for (double x = -21; x <= 21; x += 0.125) {
            // Round-number arguments, including the clamp and the reduction's boundaries.
            assertTrue(ulps(x) <= 8, "x = " + x);
        }
    }

    @Test
    void derivativeIdentityHoldsToRounding() {
        // d tanh / dx = 1 - tanh^2, which the model's backward pass uses: checked by central differences.
        for (double x = -4; x <= 4; x += 0.37) {
            double h = 1e-5;
            double fd = (Tanh.tanh(x + h) - Tanh.tanh(x - h)) / (2 * h);
            double y = Tanh.tanh(x);
            assertEquals(1 - y * y, fd, 1e-9, "x = " + x);
        }
    }
}
