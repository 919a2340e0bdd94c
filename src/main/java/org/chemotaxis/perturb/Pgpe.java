package org.chemotaxis.perturb;

import java.util.Arrays;
import java.util.Map;
import org.chemotaxis.task.Evaluator;

/**
 * PGPE, policy gradients with parameter-based exploration (Sehnke, Osendorfer, Rückstieß, Graves,
 * Peters and Schmidhuber 2010, "Parameter-exploring policy gradients", Neural Networks 23(4)),
 * with symmetric sampling and a standard deviation per parameter that adapts.
 *
 * <p>The search distribution is N(theta, diag(sigma^2)). Index j is the pair theta +- eps_j with
 * eps_j = sigma * z_j (elementwise), z_j standard normal regenerated from (seed, step, j); it
 * yields both losses. With f the step's 2N losses after {@link Shaping} (f+_j, f-_j):
 * <pre>
 *   gradient of the mean  g_i       = (1/N) sum_j (f+_j - f-_j) / 2 * eps_ji
 *   gradient of sigma     h_i       = (1/N) sum_j (fbar_j - b) * (eps_ji^2 - sigma_i^2) / sigma_i / s
 *                                   = (1/N) sum_j (fbar_j - b) * sigma_i (z_ji^2 - 1) / s
 *   sigma update          sigma_i  += clip(-sigmaLr * h_i, -maxChange sigma_i, +maxChange sigma_i)
 * </pre>
 * where fbar_j = (f+_j + f-_j) / 2, the baseline b is the mean of all 2N values and s their
 * standard deviation without shaping (so that the sigma step does not depend on the scale of the
 * loss; 1 with centered ranks, which have a fixed scale): the symmetric-sampling gradients of the
 * paper (section 2.3, with a batch of N pairs and the batch mean as baseline), written for a loss
 * to minimise. The mean moves by the optimizer (ClipUp in Toklu et al. 2020, the advised partner);
 * sigma by the rule above, clipped to a relative change of at most {@code maxChange} per step as
 * in EvoTorch and estool. Direction: sigma_i grows when the pairs that went further along
 * parameter i than sigma_i (|z_ji| > 1) did better than the step's mean loss, and shrinks when
 * they did worse.
 *
 * <p>Cost per step: 2N forward passes (+1 for the reported loss). State: {@code sigma} (P values),
 * which is also the scale the workers get.
 */
public final class Pgpe implements GradientEstimator {

    /** The sigma learning rate when none is configured (EvoTorch's default). */
    public static final double DEFAULT_SIGMA_LR = 0.1;

    private final double sigma0;
    private final int directions;
    private final Shaping shaping;
    private final double sigmaLr;
    private final double maxChange;
    /** The step's sigma per parameter; null: the initial state, sigma0 everywhere. */
    private final double[] sigma;

    /**
     * @param sigma0     initial standard deviation of every parameter, > 0
     * @param directions antithetic pairs N per step, > 0
     * @param sigmaLr    learning rate of sigma, >= 0 (0: sigma stays sigma0)
     * @param maxChange  largest relative change of a sigma_i in one step, in (0, 1)
     */
    public Pgpe(double sigma0, int directions, Shaping shaping, double sigmaLr, double maxChange) {
        this(sigma0, directions, shaping, sigmaLr, maxChange, null);
        if (!(sigma0 > 0) || Double.isInfinite(sigma0)) {
            throw new IllegalArgumentException("sigma must be > 0 and finite, but was " + sigma0);
        }
        if (directions <= 0) {
            throw new IllegalArgumentException("directions must be > 0, but was " + directions);
        }
        if (!(sigmaLr >= 0) || Double.isInfinite(sigmaLr)) {
            throw new IllegalArgumentException("sigma_lr must be >= 0 and finite, but was " + sigmaLr);
        }
        if (!(maxChange > 0 && maxChange < 1)) {
            throw new IllegalArgumentException("sigma_max_change must be in (0, 1), but was " + maxChange);
        }
    }

    private Pgpe(double sigma0, int directions, Shaping shaping, double sigmaLr, double maxChange, double[] sigma) {
        this.sigma0 = sigma0;
        this.directions = directions;
        this.shaping = shaping;
        this.sigmaLr = sigmaLr;
        this.maxChange = maxChange;
        this.sigma = sigma;
    }

    @Override
    public String name() {
        return "pgpe";
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
    public EstimatorState initialState(int parameterCount) {
        double[] s = new double[parameterCount];
        Arrays.fill(s, sigma0);
        return new EstimatorState(name(), Map.of("sigma", s));
    }

    @Override
    public void requireUsable(EstimatorState state, int parameterCount) {
        GradientEstimator.super.requireUsable(state, parameterCount);
        state.requirePositive("sigma");
    }

    @Override
    public double[] scale(EstimatorState state) {
        return state.buffer("sigma");
    }

    @Override
    public Pgpe atScale(double[] scale) {
        return new Pgpe(sigma0, directions, shaping, sigmaLr, maxChange, scale.clone());
    }

    private double[] sigmaFor(int parameterCount) {
        if (sigma == null) {
            return initialState(parameterCount).buffer("sigma");
        }
        if (sigma.length != parameterCount) {
            throw new IllegalArgumentException("pgpe has " + sigma.length + " sigmas for " + parameterCount + " parameters");
        }
        return sigma;
    }

    @Override
    public void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out) {
        double[] s = sigmaFor(theta.length);
        PerturbedLosses.pairs(ev, theta, from, to, (j, e) -> {
            GaussianDirections.fill(key, j, e);
            for (int i = 0; i < e.length; i++) {
                e[i] = s[i] * e[i];
            }
        }, out);
    }

    @Override
    public void reduce(Evaluator ev, double[] theta, StepKey key, double baseLoss, double[] values, double[] grad) {
        int n = theta.length;
        double[] s = sigmaFor(n);
        double[] f = shaping.apply(values);
        Arrays.fill(grad, 0.0);
        double[] z = new double[n];
        for (int j = 0; j < directions; j++) {
            GaussianDirections.fill(key, j, z);
            double c = (f[2 * j] - f[2 * j + 1]) / 2.0 / directions;
            for (int i = 0; i < n; i++) {
                grad[i] += c * (s[i] * z[i]);
            }
        }
    }

    @Override
    public EstimatorState adapt(EstimatorState state, StepKey key, double[] values) {
        double[] s = state.buffer("sigma");
        int n = s.length;
        double[] f = shaping.apply(values);
        double b = mean(f);
        double spread = shaping == Shaping.NONE ? std(f, b) : 1.0;
        if (sigmaLr == 0.0 || spread == 0.0) {
            return state;
        }
        double[] h = new double[n];
        double[] z = new double[n];
        for (int j = 0; j < directions; j++) {
            GaussianDirections.fill(key, j, z);
            double c = ((f[2 * j] + f[2 * j + 1]) / 2.0 - b) / spread / directions;
            for (int i = 0; i < n; i++) {
                h[i] += c * (s[i] * (z[i] * z[i] - 1.0));
            }
        }
        double[] next = new double[n];
        for (int i = 0; i < n; i++) {
            double limit = maxChange * s[i];
            double change = Math.max(-limit, Math.min(limit, -sigmaLr * h[i]));
            next[i] = s[i] + change;
        }
        return new EstimatorState(name(), Map.of("sigma", next));
    }

    static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /** The population standard deviation (divisor n) around {@code mean}. */
    static double std(double[] x, double mean) {
        double sum = 0;
        for (double v : x) {
            double d = v - mean;
            sum += d * d;
        }
        return Math.sqrt(sum / x.length);
    }
}
