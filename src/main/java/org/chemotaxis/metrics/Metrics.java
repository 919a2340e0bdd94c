package org.chemotaxis.metrics;

/**
 * The scores the project reports, over plain arrays: the mean squared error that every
 * sequence loss is, and R^2, the share of the targets' variance that a prediction explains.
 * No method modifies its inputs. Empty inputs are rejected: a mean over nothing is undefined, not 0.
 */
public final class Metrics {

    private Metrics() {
    }

    /** Mean squared error, {@code (1/n) * sum (pred_i - target_i)^2}, summed in index order, over arrays of equal length n > 0. */
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

    /**
     * The coefficient of determination from a mean squared error and the (population) variance of
     * the same targets: {@code 1 - mse / variance}, i.e. 1 - SS_res / SS_tot. Negative when the
     * prediction is worse than the targets' mean; NaN when the targets do not vary (the ratio is
     * undefined), so that a degenerate score is never mistaken for a good one.
     */
    public static double rSquared(double mse, double targetVariance) {
        return targetVariance > 0 ? 1 - mse / targetVariance : Double.NaN;
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
