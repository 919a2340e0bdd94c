package org.chemotaxis.kernel;

/**
 * The hyperbolic tangent of the Elman model and its kernels: deterministic (double multiplies,
 * adds, fused multiply-adds and one divide, all exactly rounded by IEEE 754; no library call, so
 * every JVM and CPU gives the same bits),
 * within a few ulp of {@link StrictMath#tanh}, and written so that a vector kernel can run
 * the identical sequence of operations on all lanes of a vector at once (see VectorBlock).
 *
 * <p>Method: tanh|x| = e / (e + 2) with e = expm1(2|x|), which has no cancellation for small x.
 * expm1(y) = 2^k (1 + p) - 1 with k = round(y / ln 2) and r = y - k ln 2 reduced by the two-part
 * ln 2 of fdlibm (Cody and Waite 1980), so |r| &lt;= ln(2)/2 + tiny; p = expm1(r) is its Taylor
 * polynomial to r^13 (truncation error below 1.3e-17 relative). For 2|x| &gt; 40 the result is
 * 1 in double precision, so y is clamped there, which also keeps 2^k finite. The sign is copied
 * from x (odd symmetry is exact; tanh(-0.0) = -0.0; NaN stays NaN).
 *
 * <p>{@link Math#fma} makes the polynomial a third cheaper than separate multiplies and adds.
 * Every x86-64 CPU since 2013 and every 64-bit ARM CPU executes it in hardware; elsewhere the
 * JVM emulates it, with the same result, but slowly.
 */
public final class Tanh {

    static final double CLAMP = 40.0;
    static final double INV_LN2 = 1.4426950408889634;
    /** ln 2 = LN2_HI + LN2_LO; LN2_HI has 21 trailing zero bits, so k * LN2_HI is exact. */
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    /** Adding 1.5 * 2^52 rounds to the nearest integer and leaves it in the low mantissa bits. */
    static final double SHIFTER = 0x1.8p52;
    static final long SIGN = 0x8000000000000000L;
    static final double C2 = 1.0 / 2;
    static final double C3 = 1.0 / 6;
    static final double C4 = 1.0 / 24;
    static final double C5 = 1.0 / 120;
    static final double C6 = 1.0 / 720;
    static final double C7 = 1.0 / 5040;
    static final double C8 = 1.0 / 40320;
    static final double C9 = 1.0 / 362880;
    static final double C10 = 1.0 / 3628800;
    static final double C11 = 1.0 / 39916800;
    static final double C12 = 1.0 / 479001600;
    static final double C13 = 1.0 / 6227020800.0;

    private Tanh() {
    }

    public static double tanh(double x) {
        final double y = Math.min(2.0 * Math.abs(x), CLAMP);
        final double shifted = Math.fma(y, INV_LN2, SHIFTER);
        final double k = shifted - SHIFTER;
        final double r = Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, y));
        double q = Math.fma(r, C13, C12);
        q = Math.fma(q, r, C11);
        q = Math.fma(q, r, C10);
        q = Math.fma(q, r, C9);
        q = Math.fma(q, r, C8);
        q = Math.fma(q, r, C7);
        q = Math.fma(q, r, C6);
        q = Math.fma(q, r, C5);
        q = Math.fma(q, r, C4);
        q = Math.fma(q, r, C3);
        q = Math.fma(q, r, C2);
        final double p = Math.fma(r * r, q, r);
        // 0 <= k <= 58: the low bits of shifted hold k; shifting them into the exponent field gives 2^k.
        final double scale = Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) + 1023) << 52);
        final double e = Math.fma(scale, p, scale - 1.0);
        final double t = e / (e + 2.0);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(t) | (Double.doubleToRawLongBits(x) & SIGN));
    }
}
