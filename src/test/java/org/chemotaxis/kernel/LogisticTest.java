package org.chemotaxis.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LogisticTest {

    private static final MathContext MC = new MathContext(60);

    /** The formula that the CTRNN model used before: fdlibm's exp (&lt; 1 ulp), an add and a divide. */
    private static double strict(double z) {
        return 1.0 / (1.0 + StrictMath.exp(-z));
    }

    /** Distance in units of the reference's ulp. */
    private static double ulps(double got, double ref) {
        return Math.abs(got - ref) / Math.ulp(ref);
    }

    /** e^-x for x &gt;= 0 to 60 digits: Taylor series at x / 2^m &lt; 1/64, then m squarings. */
    private static BigDecimal expMinus(BigDecimal x) {
        int m = 0;
        BigDecimal y = x;
        BigDecimal limit = BigDecimal.ONE.divide(BigDecimal.valueOf(64));
        while (y.compareTo(limit) > 0) {
            y = y.divide(BigDecimal.valueOf(2));
            m++;
        }
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int n = 1; n < 30; n++) {
            term = term.multiply(y.negate(), MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
        }
        for (int i = 0; i < m; i++) {
            sum = sum.multiply(sum, MC);
        }
        return sum;
    }

    /** sigma(z) to about 55 digits, for |z| &lt;= 745. */
    private static BigDecimal exact(double z) {
        BigDecimal e = expMinus(new BigDecimal(Math.abs(z)));
        BigDecimal numerator = z >= 0 ? BigDecimal.ONE : e;
        return numerator.divide(BigDecimal.ONE.add(e), MC);
    }

    private static double ulpsFromExact(double got, BigDecimal exact) {
        double nearest = exact.doubleValue();
        return new BigDecimal(got).subtract(exact).abs().divide(new BigDecimal(Math.ulp(nearest)), MC).doubleValue();
    }

    private static double sample(SplittableRandom rng, int n) {
        return switch (n % 4) {
            case 0 -> -40 + 80 * rng.nextDouble();
            case 1 -> -708 + 1416 * rng.nextDouble();
            case 2 -> (rng.nextBoolean() ? 1 : -1) * Math.pow(10, -20 + 21.5 * rng.nextDouble());
            default -> -4 + 8 * rng.nextDouble();
        };
    }

    @Test
    void agreesWithTheStrictMathFormulaWithinAFewUlp() {
        SplittableRandom rng = new SplittableRandom(23);
        double worst = 0;
        double worstAt = 0;
        for (int n = 0; n < 2_000_000; n++) {
            double z = sample(rng, n);
            double u = ulps(Logistic.sigma(z), strict(z));
            if (u > worst) {
                worst = u;
                worstAt = z;
            }
        }
        System.out.println("logistic vs StrictMath formula: worst " + worst + " ulp at z = " + worstAt);
        // Each side is within about 2 ulp of the exact value (next test), so they may differ by 4 and more.
        assertTrue(worst <= 5, "worst " + worst + " ulp at z = " + worstAt);
    }

    /** Both the function and the formula it replaces against sigma computed to 60 digits. */
    @Test
    void isWithinThreeUlpOfTheExactValue() {
        SplittableRandom rng = new SplittableRandom(29);
        double worst = 0;
        double worstAt = 0;
        double worstStrict = 0;
        for (int n = 0; n < 20_000; n++) {
            double z = sample(rng, n);
            BigDecimal exact = exact(z);
            double u = ulpsFromExact(Logistic.sigma(z), exact);
            if (u > worst) {
                worst = u;
                worstAt = z;
            }
            worstStrict = Math.max(worstStrict, ulpsFromExact(strict(z), exact));
        }
        System.out.println("logistic vs exact: worst " + worst + " ulp at z = " + worstAt
                + "; StrictMath formula: worst " + worstStrict + " ulp");
        // Bound: e's 0.6 ulp, the add's and the divide's rounding, in ulps of the result (up to 3.2).
        assertTrue(worst <= 3, "worst " + worst + " ulp at z = " + worstAt);
    }

    @Test
    void specialValuesAndSaturation() {
        assertEquals(0.5, Logistic.sigma(0.0), 0.0);
        assertEquals(0.5, Logistic.sigma(-0.0), 0.0);
        assertEquals(0.5, Logistic.sigma(Double.MIN_VALUE), 0.0);
        assertEquals(0.5, Logistic.sigma(-Double.MIN_VALUE), 0.0);
        assertEquals(1.0, Logistic.sigma(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(0.0, Logistic.sigma(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(1.0, Logistic.sigma(Double.MAX_VALUE), 0.0);
        assertEquals(0.0, Logistic.sigma(-Double.MAX_VALUE), 0.0);
        assertEquals(1.0, Logistic.sigma(40.0), 0.0);
        assertEquals(1.0, Logistic.sigma(708.5), 0.0);
        assertTrue(Double.isNaN(Logistic.sigma(Double.NaN)));
        // sigma(-z) = e^-z for large z: the small tail keeps its relative accuracy.
        assertEquals(StrictMath.exp(-700.0), Logistic.sigma(-700.0), 2 * Math.ulp(StrictMath.exp(-700.0)));
        assertEquals(StrictMath.exp(-50.0), Logistic.sigma(-50.0), 2 * Math.ulp(StrictMath.exp(-50.0)));
        // Round-number arguments, including the reduction's boundaries and the cutoff.
        for (double z = -750; z <= 750; z += 0.125) {
            double got = Logistic.sigma(z);
            if (Math.abs(z) <= Logistic.CUTOFF) {
                assertTrue(ulps(got, strict(z)) <= 5, "z = " + z);
            } else {
                // Beyond the cutoff the value saturates; the formula's subnormal tail is below 2^-1022.
                assertEquals(strict(z), got, Double.MIN_NORMAL, "z = " + z);
                assertEquals(z > 0 ? 1.0 : 0.0, got, 0.0, "z = " + z);
            }
        }
    }

    @Test
    void symmetryAndDerivativeIdentity() {
        SplittableRandom rng = new SplittableRandom(31);
        for (int n = 0; n < 100_000; n++) {
            double z = sample(rng, n);
            // Both halves come from the same e, so sigma(z) + sigma(-z) = 1 up to the two divides.
            assertEquals(1.0, Logistic.sigma(z) + Logistic.sigma(-z), 0x1p-52, "z = " + z);
        }
        // d sigma / dz = sigma (1 - sigma), which the model's backward pass uses.
        for (double z = -8; z <= 8; z += 0.37) {
            double h = 1e-5;
            double fd = (Logistic.sigma(z + h) - Logistic.sigma(z - h)) / (2 * h);
            double s = Logistic.sigma(z);
            assertEquals(s * (1 - s), fd, 1e-10, "z = " + z);
        }
    }
}
