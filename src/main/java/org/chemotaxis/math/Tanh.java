package org.chemotaxis.math;

/**
 * The hyperbolic tangent of the Elman model and its kernels: deterministic (double multiplies,
 * adds, fused multiply-adds and one divide, all exactly rounded by IEEE 754; no library call, so
 * every JVM and CPU gives the same bits),
 * within a few ulp of {@link StrictMath#tanh}, and written so that a vector kernel can run
 * the identical sequence of operations on all lanes of a vector at once (see VectorBlock).
 *
 * <p>Method: tanh|x| = e / (e + 2) with e = expm1(2|x|), which has no cancellation for small x.
 * expm1(y) = 2^k (1 + p) - 1 with k = round(y / ln 2) and r = y - k ln 2 reduced by the two-part
 * ln 2 of fdlibm (Cody and Waite 1980), so |r| &lt;= ln(2)/2 + tiny; p = expm1(r) = r + r^2 q(r)
 * with q the degree-9 polynomial that interpolates (expm1(r) - r) / r^2 at the 10 Chebyshev
 * nodes of [-0.35, 0.35] (near-minimax; p's relative error is below 5e-17 before rounding,
 * computed in 60-digit decimal arithmetic). For 2|x| &gt; 40 the result is 1 in double precision,
 * so y is clamped there (a comparison, so NaN passes through), which also keeps 2^k finite. The sign is copied
 * from x (odd symmetry is exact; tanh(-0.0) = -0.0; NaN stays NaN).
 *
 * <p>{@link Math#fma} makes the polynomial a third cheaper than separate multiplies and adds.
 * Every x86-64 CPU since 2013 and every 64-bit ARM CPU executes it in hardware; elsewhere the
 * JVM emulates it, with the same result, but slowly.
 */
public final class Tanh {

    public static final double CLAMP = 40.0;
    public static final double INV_LN2 = 1.4426950408889634;
    /** ln 2 = LN2_HI + LN2_LO; LN2_HI has 21 trailing zero bits, so k * LN2_HI is exact. */
    public static final double LN2_HI = 6.93147180369123816490e-01;
    public static final double LN2_LO = 1.90821492927058770002e-10;
    /** Adding 1.5 * 2^52 rounds to the nearest integer and leaves it in the low mantissa bits. */
    public static final double SHIFTER = 0x1.8p52;
    public static final long SIGN = 0x8000000000000000L;
    /** q(r) = Q0 + Q1 r + ... + Q9 r^9 ~ (expm1(r) - r) / r^2 on [-0.35, 0.35]. */
    public static final double Q0 = 0x1.0000000000001p-1;
    public static final double Q1 = 0x1.5555555555556p-3;
    public static final double Q2 = 0x1.5555555553b72p-5;
    public static final double Q3 = 0x1.111111111091ap-7;
    public static final double Q4 = 0x1.6c16c1794bd5cp-10;
    public static final double Q5 = 0x1.a01a01a83a3a3p-13;
    public static final double Q6 = 0x1.a019b62aaa671p-16;
    public static final double Q7 = 0x1.71de0be80e7e8p-19;
    public static final double Q8 = 0x1.2894eb03786e2p-22;
    public static final double Q9 = 0x1.af3cd7b3560d9p-26;

    private Tanh() {
    }

    /**
     * e^r - 1 for the reduced argument |r| <= ln(2)/2 of the exp-based functions here (tanh,
     * Logistic, DeterministicMath): r + r^2 q(r), q the degree-9 polynomial above, in this order of
     * operations, so that every caller gets the same bits. The vector kernels spell it out lane-wise.
     */
    public static double expm1Reduced(double r) {
        double q = Math.fma(r, Q9, Q8);
        q = Math.fma(q, r, Q7);
        q = Math.fma(q, r, Q6);
        q = Math.fma(q, r, Q5);
        q = Math.fma(q, r, Q4);
        q = Math.fma(q, r, Q3);
        q = Math.fma(q, r, Q2);
        q = Math.fma(q, r, Q1);
        q = Math.fma(q, r, Q0);
        return Math.fma(r * r, q, r);
    }

    public static double tanh(double x) {
        final double a = 2.0 * Math.abs(x);
        final double y = a > CLAMP ? CLAMP : a;
        final double shifted = Math.fma(y, INV_LN2, SHIFTER);
        final double k = shifted - SHIFTER;
        final double r = Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, y));
        final double p = expm1Reduced(r);
        // 0 <= k <= 58: the low bits of shifted hold k; shifting them into the exponent field gives 2^k.
        final double scale = Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) + 1023) << 52);
        final double e = Math.fma(scale, p, scale - 1.0);
        final double t = e / (e + 2.0);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(t) | (Double.doubleToRawLongBits(x) & SIGN));
    }
}
