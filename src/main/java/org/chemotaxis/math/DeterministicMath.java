package org.chemotaxis.math;

/**
 * exp, log, sin and cos made like {@link Tanh}: double multiplies, adds, fused multiply-adds, one
 * divide and bit manipulation, all exactly rounded by IEEE 754, so every JVM and CPU gives the
 * same bits, without the cost of a {@link StrictMath} call (a native call on JDK 17). Each is
 * within a few ulp of the {@code StrictMath} value on the domain stated; outside it (rare
 * arguments: huge angles, zero, negative or subnormal logarithms) the {@code StrictMath} value
 * itself is returned, which is just as deterministic.
 *
 * <p>The reductions are those of fdlibm (Cody and Waite 1980; the constants are fdlibm's): exp
 * by ln 2 into |r| &lt;= ln(2)/2 and {@link Tanh}'s near-minimax polynomial for expm1(r); log by
 * a power of two into m in [sqrt(1/2), sqrt(2)) and fdlibm's polynomial in s = (m-1)/(m+1);
 * sin and cos by pi/2 in three parts into |r| &lt;= pi/4 and fdlibm's kernel polynomials.
 */
public final class DeterministicMath {

    /** exp(x) for x above this is +inf (709.78... is ln of the largest double). */
    static final double EXP_OVERFLOW = 709.782712893384;
    /** exp(x) for x below this is returned as 0 (the true value is below 1.2e-307). */
    static final double EXP_UNDERFLOW = -707.0;

    static final double LG1 = 6.666666666666735130e-01;
    static final double LG2 = 3.999999999940941908e-01;
    static final double LG3 = 2.857142874366239149e-01;
    static final double LG4 = 2.222219843214978396e-01;
    static final double LG5 = 1.818357216161805012e-01;
    static final double LG6 = 1.531383769920937332e-01;
    static final double LG7 = 1.479819860511658591e-01;
    /** Subtracting this from the bits of x puts the mantissa's split at sqrt(1/2) rather than 1. */
    static final long LOG_SPLIT = 0x3fe6a09e667f3bcdL;

    static final double TWO_OVER_PI = 6.36619772367581382433e-01;
    /** pi/2 = PIO2_1 + PIO2_2 + PIO2_2T (33 + 33 + 53 bits), so k * PIO2_1 is exact for |k| &lt; 2^20. */
    static final double PIO2_1 = 1.57079632673412561417e+00;
    static final double PIO2_2 = 6.07710050630396597660e-11;
    static final double PIO2_2T = 2.02226624879595063154e-21;
    /** Angles beyond this (or not finite) go to StrictMath; far below 2^20 pi/2, where the reduction holds. */
    static final double TRIG_LIMIT = 1.0e5;
    static final double S1 = -1.66666666666666324348e-01;
    static final double S2 = 8.33333333332248946124e-03;
    static final double S3 = -1.98412698298579493134e-04;
    static final double S4 = 2.75573137070700676789e-06;
    static final double S5 = -2.50507602534068634195e-08;
    static final double S6 = 1.58969099521155010221e-10;
    static final double C1 = 4.16666666666666019037e-02;
    static final double C2 = -1.38888888888741095749e-03;
    static final double C3 = 2.48015872894767294178e-05;
    static final double C4 = -2.75573143513906633035e-07;
    static final double C5 = 2.08757232129817482790e-09;
    static final double C6 = -1.13596475577881948265e-11;

    private DeterministicMath() {
    }

    /**
     * e^x within 1 ulp for -707 &lt;= x &lt;= 709.78; 0 below -707 (where StrictMath gives values
     * below 1.2e-307), +inf above; NaN for NaN.
     */
    public static double exp(double x) {
        final double y = x < EXP_UNDERFLOW ? EXP_UNDERFLOW : (x > EXP_OVERFLOW ? EXP_OVERFLOW : x);
        final double shifted = Math.fma(y, Tanh.INV_LN2, Tanh.SHIFTER);
        final double k = shifted - Tanh.SHIFTER;
        final double r = Math.fma(k, -Tanh.LN2_LO, Math.fma(k, -Tanh.LN2_HI, y));
        final double p = Tanh.expm1Reduced(r);
        // -1020 <= k <= 1024: the low bits of shifted hold k (two's complement); 2^(k-1) has a
        // normal exponent for all of them, and doubling afterwards is exact.
        final double half = Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) + 1022) << 52);
        final double e = Math.fma(half, p, half) * 2.0;
        return x < EXP_UNDERFLOW ? 0.0 : (x > EXP_OVERFLOW ? Double.POSITIVE_INFINITY : e);
    }

    /** ln x within 1 ulp for positive normal finite x; StrictMath.log(x) otherwise. */
    public static double log(double x) {
        if (!(x >= Double.MIN_NORMAL && x <= Double.MAX_VALUE)) {
            return StrictMath.log(x);
        }
        final long bits = Double.doubleToRawLongBits(x);
        final long k = (bits - LOG_SPLIT) >> 52;
        final double f = Double.longBitsToDouble(bits - (k << 52)) - 1.0;
        final double s = f / (2.0 + f);
        final double z = s * s;
        final double w = z * z;
        final double t1 = w * (LG2 + w * (LG4 + w * LG6));
        final double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        final double r = t2 + t1;
        final double hfsq = 0.5 * f * f;
        final double dk = k;
        return dk * Tanh.LN2_HI - ((hfsq - (s * (hfsq + r) + dk * Tanh.LN2_LO)) - f);
    }

    /** sin x within 2 ulp for |x| &lt;= 1e5; StrictMath.sin(x) otherwise. */
    public static double sin(double x) {
        if (!(Math.abs(x) <= TRIG_LIMIT)) {
            return StrictMath.sin(x);
        }
        final double shifted = Math.fma(x, TWO_OVER_PI, Tanh.SHIFTER);
        final double k = shifted - Tanh.SHIFTER;
        final double r = reduce(x, k);
        final long q = Double.doubleToRawLongBits(shifted);
        final double v = (q & 1) == 0 ? sinKernel(r) : cosKernel(r);
        return (q & 2) == 0 ? v : -v;
    }

    /** cos x within 2 ulp for |x| &lt;= 1e5; StrictMath.cos(x) otherwise. */
    public static double cos(double x) {
        if (!(Math.abs(x) <= TRIG_LIMIT)) {
            return StrictMath.cos(x);
        }
        final double shifted = Math.fma(x, TWO_OVER_PI, Tanh.SHIFTER);
        final double k = shifted - Tanh.SHIFTER;
        final double r = reduce(x, k);
        final long q = Double.doubleToRawLongBits(shifted);
        final double v = (q & 1) == 0 ? cosKernel(r) : sinKernel(r);
        return ((q + 1) & 2) == 0 ? v : -v;
    }

    /** x - k pi/2 with pi/2 in three parts; the first product is exact, the fused ones round once. */
    private static double reduce(double x, double k) {
        final double r = Math.fma(-k, PIO2_1, x);
        return Math.fma(-k, PIO2_2T, Math.fma(-k, PIO2_2, r));
    }

    /** sin r for |r| &lt;= pi/4 (fdlibm's __kernel_sin without the tail). */
    private static double sinKernel(double r) {
        final double z = r * r;
        final double v = z * r;
        final double p = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
        return r + v * (S1 + z * p);
    }

    /** cos r for |r| &lt;= pi/4 (fdlibm's __kernel_cos without the tail, its newer branch-free form). */
    private static double cosKernel(double r) {
        final double z = r * r;
        final double p = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        final double hz = 0.5 * z;
        final double w = 1.0 - hz;
        return w + (((1.0 - w) - hz) + z * p);
    }
}
