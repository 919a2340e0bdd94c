package org.chemotaxis.kernel;

import org.chemotaxis.math.Tanh;

/**
 * The logistic function sigma(z) = 1 / (1 + e^-z) of the CTRNN model and its kernels, made
 * like {@link Tanh}: deterministic (double multiplies, adds, fused multiply-adds, one divide and
 * bit manipulation, all exactly rounded by IEEE 754; no library call, so every JVM and CPU gives
 * the same bits), within a few ulp of {@code 1 / (1 + StrictMath.exp(-z))}, and written so that
 * a vector kernel runs the identical sequence of operations on all lanes at once (see
 * CtrnnVectorBlock).
 *
 * <p>Method: with e = exp(-|z|) in (0, 1], sigma(z) = 1 / (1 + e) for z &gt;= 0 and
 * e / (1 + e) for z &lt; 0, so that neither branch cancels or overflows and small results keep
 * their relative accuracy. exp(-|z|) = 2^k (1 + p) with k = round(-|z| / ln 2),
 * r = -|z| - k ln 2 reduced by the two-part ln 2 of fdlibm (Cody and Waite 1980) and
 * p = expm1(r) = r + r^2 q(r), q being {@link Tanh}'s polynomial on [-0.35, 0.35]; 2^k (1 + p) is
 * one fused multiply-add, so e has an error below 0.6 ulp. For |z| &gt; 1022 ln 2 = 708.396 e is
 * set to 0 (a comparison after the fact, so NaN passes through, and the exponent trick, which
 * needs k &gt;= -1022, only matters where it holds): sigma is then exactly 1 for large z, as it
 * is in double precision, and 0 for z &lt; -708.396, where the true value is below about
 * 2.2e-308, the smallest normal number (the StrictMath formula gives subnormal numbers down to
 * z = -709.78 and 0 below).
 * sigma(+-0) = 0.5, sigma(+inf) = 1, sigma(-inf) = 0, sigma(NaN) = NaN.
 */
public final class Logistic {

    /** 1022 ln 2: beyond this |z|, e^-|z| &lt; 2^-1022 is taken as 0; up to it, k &gt;= -1022. */
    static final double CUTOFF = 708.3964185322641;

    private Logistic() {
    }

    public static double sigma(double z) {
        final double a = Math.abs(z);
        final double shifted = Math.fma(a, -Tanh.INV_LN2, Tanh.SHIFTER);
        final double k = shifted - Tanh.SHIFTER;
        final double r = Math.fma(k, -Tanh.LN2_LO, Math.fma(k, -Tanh.LN2_HI, -a));
        final double p = Tanh.expm1Reduced(r);
        // -1022 <= k <= 0: the low bits of shifted hold k (two's complement, borrowing from the
        // 1.5 * 2^52 above them); adding the bias and shifting into the exponent field gives 2^k.
        final double scale = Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) + 1023) << 52);
        final double e0 = Math.fma(scale, p, scale);
        final double e = a > CUTOFF ? 0.0 : e0;
        final double numerator = z < 0.0 ? e : 1.0;
        return numerator / (1.0 + e);
    }
}
