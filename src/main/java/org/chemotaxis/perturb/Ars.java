package org.chemotaxis.perturb;

import java.util.Arrays;
import java.util.Comparator;
import org.chemotaxis.task.Evaluator;

/**
 * ARS, augmented random search (Mania, Guy and Recht 2018, "Simple random search of static linear
 * policies is competitive for reinforcement learning", NeurIPS), Algorithm 1 in its V1-t form:
 * the top-b directions, the step normalised by the standard deviation of their returns. V2's
 * normalisation of the observed states is not used (the networks here have no state statistics).
 *
 * <p>Index j is the antithetic pair theta +- nu delta_j (nu = sigma, delta_j standard normal from
 * (seed, step, j)); it yields both losses L+_j, L-_j (after {@link Shaping}, where configured). The
 * directions are ordered by min(L+_j, L-_j), the paper's max(r+, r-) for a reward r = -L (ties by
 * index), and the best b are kept. With sigma_R the standard deviation (divisor 2b) of their 2b losses:
 * <pre>
 *   g = 1 / (b sigma_R) * sum_{k in top b} (L+_k - L-_k) delta_k
 * </pre>
 * so that {@code optimizer.type: sgd} with learning rate alpha takes the paper's step
 * theta += alpha / (b sigma_R) sum (r+ - r-) delta exactly (no division by nu: the paper's alpha
 * absorbs it). When the kept losses are all equal (sigma_R = 0) the step is zero.
 *
 * <p>Cost per step: 2N forward passes (+1 for the reported loss); nothing adapts, no state.
 */
public final class Ars implements GradientEstimator {

    private final double nu;
    private final int directions;
    private final int top;
    private final Shaping shaping;

    /**
     * @param nu         exploration noise, > 0
     * @param directions N antithetic pairs per step, > 0
     * @param top        b, the directions kept, in [1, N]; 0: all N
     */
    public Ars(double nu, int directions, int top, Shaping shaping) {
        if (!(nu > 0) || Double.isInfinite(nu)) {
            throw new IllegalArgumentException("sigma must be > 0 and finite, but was " + nu);
        }
        if (directions <= 0) {
            throw new IllegalArgumentException("directions must be > 0, but was " + directions);
        }
        if (top < 0 || top > directions) {
            throw new IllegalArgumentException("top_directions must be in [1, directions = " + directions + "], but was "
                    + top);
        }
        this.nu = nu;
        this.directions = directions;
        this.top = top == 0 ? directions : top;
        this.shaping = shaping;
    }

    @Override
    public String name() {
        return "ars";
    }

    @Override
    public int indexCount(int parameterCount) {
        return directions;
    }

    @Override
    public int passesPerIndex() {
        return 2;
    }

    @Override
    public int valuesPerIndex() {
        return 2;
    }

    @Override
    public void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out) {
        PerturbedLosses.pairs(ev, theta, from, to, (j, e) -> {
            GaussianDirections.fill(key, j, e);
            for (int i = 0; i < e.length; i++) {
                e[i] = nu * e[i];
            }
        }, out);
    }

    @Override
    public void reduce(Evaluator ev, double[] theta, StepKey key, double baseLoss, double[] values, double[] grad) {
        int n = theta.length;
        double[] f = shaping.apply(values);
        Arrays.fill(grad, 0.0);
        for (double v : f) {
            if (Double.isNaN(v)) {
                // a broken loss fails the step, also when its direction would not have been kept
                Arrays.fill(grad, Double.NaN);
                return;
            }
        }
        int[] kept = topDirections(f, top);
        double[] keptValues = new double[2 * top];
        for (int k = 0; k < top; k++) {
            keptValues[2 * k] = f[2 * kept[k]];
            keptValues[2 * k + 1] = f[2 * kept[k] + 1];
        }
        double spread = Pgpe.std(keptValues, Pgpe.mean(keptValues));
        if (spread == 0.0) {
            return;
        }
        double[] delta = new double[n];
        // in index order, so that the sum does not depend on the ranking's order
        int[] ascending = kept.clone();
        Arrays.sort(ascending);
        for (int j : ascending) {
            GaussianDirections.fill(key, j, delta);
            double c = (f[2 * j] - f[2 * j + 1]) / (top * spread);
            for (int i = 0; i < n; i++) {
                grad[i] += c * delta[i];
            }
        }
    }

    /** The b directions with the lowest min(L+, L-), best first, ties by index. */
    static int[] topDirections(double[] pairLosses, int b) {
        int n = pairLosses.length / 2;
        Integer[] order = new Integer[n];
        double[] best = new double[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
            best[j] = Math.min(pairLosses[2 * j], pairLosses[2 * j + 1]);
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> best[j]).thenComparingInt(j -> j));
        int[] out = new int[b];
        for (int k = 0; k < b; k++) {
            out[k] = order[k];
        }
        return out;
    }
}
