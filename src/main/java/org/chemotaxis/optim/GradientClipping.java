package org.chemotaxis.optim;

/**
 * Gradient clipping by global L2 norm (Pascanu, Mikolov and Bengio 2013, "On the difficulty of
 * training recurrent neural networks"), as PyTorch's {@code clip_grad_norm_} but without its
 * 1e-6 added to the norm, so a clipped gradient has norm maxNorm to rounding.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * Scales {@code grad} in place so that its L2 norm is {@code maxNorm} if it was larger;
     * otherwise leaves it untouched. Direction is preserved.
     * <p>
     * The norm is a scaled sum of squares, {@code amax * sqrt(sum (g_i / amax)^2)} with
     * {@code amax = max |g_i|} (the idea of LAPACK's dnrm2): every squared term is at most 1, so
     * no intermediate overflows or underflows where the naive sum of squares would (entries
     * around 1e200, or 1e-200). The rescaling is done as {@code (g_i / amax) * (maxNorm / s)}
     * with {@code s = sqrt(sum)} in [1, sqrt(n)], so clipping works even when the norm itself
     * exceeds {@link Double#MAX_VALUE} (then the returned norm is infinite).
     * <p>
     * If an entry is NaN or infinite, {@code grad} is left untouched and NaN or infinity is
     * returned: the caller must decide what a non-finite gradient means.
     *
     * @param grad    modified in place
     * @param maxNorm the largest allowed norm; {@code <= 0}, infinite or NaN means clipping is off
     *                (the norm is still computed and returned)
     * @return the L2 norm of {@code grad} before clipping
     */
    public static double clipByGlobalNorm(double[] grad, double maxNorm) {
        double amax = maxAbs(grad);
        if (amax == 0.0 || !(amax < Double.POSITIVE_INFINITY)) {
            return amax;
        }
        double s = scaledRoot(grad, amax);
        double norm = amax * s;
        boolean on = maxNorm > 0.0 && maxNorm < Double.POSITIVE_INFINITY;
        if (on && norm > maxNorm) {
            double factor = maxNorm / s;
            for (int i = 0; i < grad.length; i++) {
                grad[i] = (grad[i] / amax) * factor;
            }
        }
        return norm;
    }

    /** The L2 norm of {@code x}, computed as in {@link #clipByGlobalNorm} (no overflow); does not modify x. */
    public static double norm(double[] x) {
        double amax = maxAbs(x);
        if (amax == 0.0 || !(amax < Double.POSITIVE_INFINITY)) {
            return amax;
        }
        return amax * scaledRoot(x, amax);
    }

    /** max |x_i|, or NaN if any entry is NaN (0 for an empty array). */
    private static double maxAbs(double[] x) {
        double amax = 0.0;
        for (double v : x) {
            double a = Math.abs(v);
            if (Double.isNaN(a)) {
                return Double.NaN;
            }
            if (a > amax) {
                amax = a;
            }
        }
        return amax;
    }

    /** sqrt(sum (x_i / amax)^2), a value in [1, sqrt(n)] for finite amax > 0. */
    private static double scaledRoot(double[] x, double amax) {
        double sum = 0.0;
        for (double v : x) {
            double r = v / amax;
            sum += r * r;
        }
        return Math.sqrt(sum);
    }
}
