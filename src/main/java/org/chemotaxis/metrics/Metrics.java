package org.chemotaxis.metrics;

/**
 * Loss and score functions over plain arrays. No method modifies its inputs unless it says so.
 * Transcendental functions use {@link StrictMath}, so values agree bit for bit across JVMs.
 * Empty inputs are rejected: a mean over nothing is undefined, not 0.
 */
public final class Metrics {

    private Metrics() {
    }

    /** Mean squared error, {@code (1/n) * sum (pred_i - target_i)^2}, over arrays of equal length n > 0. */
    public static double mse(double[] pred, double[] target) {
        requireSameLength(pred.length, target.length, "pred", "target");
        return mse(pred, 0, target, 0, pred.length);
    }

    /**
     * Mean squared error over {@code length} entries starting at the given offsets, e.g. one time
     * step of a flattened sequence output.
     *
     * @throws IllegalArgumentException if length <= 0 or a range falls outside its array
     */
    public static double mse(double[] pred, int predOffset, double[] target, int targetOffset, int length) {
        requireNonEmpty(length);
        requireRange(pred.length, predOffset, length, "pred");
        requireRange(target.length, targetOffset, length, "target");
        double sum = 0.0;
        for (int i = 0; i < length; i++) {
            double d = pred[predOffset + i] - target[targetOffset + i];
            sum += d * d;
        }
        return sum / length;
    }

    /** log(sum exp(x_i)), computed as {@code max + log(sum exp(x_i - max))} so that it cannot overflow. */
    public static double logSumExp(double[] logits) {
        requireNonEmpty(logits.length);
        double max = max(logits);
        if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY || Double.isNaN(max)) {
            return max; // all -inf: log 0; any +inf: +inf; NaN stays NaN
        }
        double sum = 0.0;
        for (double x : logits) {
            sum += StrictMath.exp(x - max);
        }
        return max + StrictMath.log(sum);
    }

    /**
     * Softmax, {@code out_i = exp(x_i - max) / sum_j exp(x_j - max)}: subtracting the maximum
     * keeps every exponent <= 0, so logits of any finite size (e.g. 1000) neither overflow nor
     * give NaN, and the largest term is exactly 1 so the sum is >= 1. A NaN or +infinite
     * logit, or all logits -infinite, gives NaN everywhere.
     * <p>
     * Writes {@code out} only; {@code out} may be the same array as {@code logits} (in place).
     *
     * @return out
     */
    public static double[] softmax(double[] logits, double[] out) {
        requireNonEmpty(logits.length);
        requireSameLength(logits.length, out.length, "logits", "out");
        double max = max(logits);
        double sum = 0.0;
        for (int i = 0; i < logits.length; i++) {
            double e = StrictMath.exp(logits[i] - max);
            out[i] = e; // after reading logits[i], so aliasing is safe
            sum += e;
        }
        double inv = 1.0 / sum;
        for (int i = 0; i < out.length; i++) {
            out[i] *= inv;
        }
        return out;
    }

    /**
     * Cross-entropy of one sample with integer label, {@code -log softmax(logits)[classIndex]},
     * computed as {@code logSumExp(logits) - logits[classIndex]} so that it is finite even where
     * the softmax probability underflows to 0.
     */
    public static double crossEntropy(double[] logits, int classIndex) {
        requireNonEmpty(logits.length);
        if (classIndex < 0 || classIndex >= logits.length) {
            throw new IllegalArgumentException(
                    "classIndex must be in [0, " + logits.length + "), but was " + classIndex);
        }
        return logSumExp(logits) - logits[classIndex];
    }

    /**
     * The index of the largest entry; the first one on ties. A NaN counts as larger than every
     * number (NumPy's convention), so a diverged output cannot look like a confident one.
     */
    public static int argmax(double[] x) {
        requireNonEmpty(x.length);
        int best = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                return i;
            }
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The fraction of positions where {@code predicted[i] == labels[i]}, for arrays of equal length > 0. */
    public static double accuracy(int[] predicted, int[] labels) {
        requireNonEmpty(predicted.length);
        requireSameLength(predicted.length, labels.length, "predicted", "labels");
        int hits = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == labels[i]) {
                hits++;
            }
        }
        return (double) hits / predicted.length;
    }

    /**
     * The coefficient of determination, {@code 1 - SS_res / SS_tot} with
     * {@code SS_res = sum (target_i - pred_i)^2} and {@code SS_tot = sum (target_i - mean(target))^2}.
     * Negative when the prediction is worse than the target's mean.
     * <p>
     * When the target is constant (SS_tot == 0) the ratio is undefined; as scikit-learn's
     * {@code r2_score} (force_finite=True), the result is then 1 for a perfect prediction
     * (SS_res == 0) and 0 otherwise.
     */
    public static double rSquared(double[] pred, double[] target) {
        requireNonEmpty(pred.length);
        requireSameLength(pred.length, target.length, "pred", "target");
        double mean = 0.0;
        for (double t : target) {
            mean += t;
        }
        mean /= target.length;
        double ssRes = 0.0;
        double ssTot = 0.0;
        for (int i = 0; i < target.length; i++) {
            double r = target[i] - pred[i];
            double d = target[i] - mean;
            ssRes += r * r;
            ssTot += d * d;
        }
        if (ssTot == 0.0) {
            return ssRes == 0.0 ? 1.0 : 0.0;
        }
        return 1.0 - ssRes / ssTot;
    }

    private static double max(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            if (v > m) {
                m = v;
            }
        }
        return m;
    }

    private static void requireNonEmpty(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be > 0, but was " + length);
        }
    }

    private static void requireSameLength(int a, int b, String nameA, String nameB) {
        if (a != b) {
            throw new IllegalArgumentException(
                    nameA + " and " + nameB + " must have the same length, but had " + a + " and " + b);
        }
    }

    private static void requireRange(int arrayLength, int offset, int length, String name) {
        if (offset < 0 || offset > arrayLength - length) {
            throw new IllegalArgumentException(name + " range [" + offset + ", " + ((long) offset + length)
                    + ") is outside its array of length " + arrayLength);
        }
    }
}
