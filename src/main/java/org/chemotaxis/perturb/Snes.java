package org.chemotaxis.perturb;

import java.util.Arrays;
import java.util.Map;
import org.chemotaxis.task.Evaluator;

/**
 * SNES, separable natural evolution strategies (Schaul, Glasmachers and Schmidhuber 2011, "High
 * Dimensions and Heavy Tails for Natural Evolution Strategies", GECCO; Algorithm 2 of Wierstra et
 * al. 2014, "Natural Evolution Strategies", JMLR 15), with mirrored sampling.
 *
 * <p>The search distribution is N(theta, diag(sigma^2)). A step has lambda samples (the
 * population, even) in lambda/2 mirrored pairs: index j is theta + sigma z_j and theta - sigma z_j,
 * z_j standard normal from (seed, step, j); it yields both losses. Mirroring (Brockhoff et al.
 * 2010) is this project's choice: the paper draws lambda independent samples. The samples are
 * ranked by loss and get the paper's utilities, best first,
 * <pre>
 *   u_k = max(0, ln(lambda/2 + 1) - ln k) / sum_l max(0, ln(lambda/2 + 1) - ln l) - 1/lambda,   k = 1 .. lambda
 * </pre>
 * (tied losses share the mean of their utilities), or, with {@link Shaping#CENTERED_RANK}, minus
 * their centered ranks. With s_k = +-z_j the sample's normal draw:
 * <pre>
 *   grad_mu    = sum_k u_k s_k              grad_sigma = sum_k u_k (s_k^2 - 1)
 *   theta     += etaMu * sigma * grad_mu    sigma     *= exp(etaSigma / 2 * grad_sigma)
 * </pre>
 * with the paper's etaMu = 1, etaSigma = (3 + ln P) / (5 sqrt P) unless configured, and
 * lambda = 4 + floor(3 ln P) (rounded up to even) unless configured. SNES moves its mean itself
 * ({@link #takesOwnStep}): {@link #reduce} gives -sigma * grad_mu, and the optimizer is not used.
 * Direction: sigma_i grows when the better-ranked samples lie further out along parameter i
 * (z_i^2 > 1) than the worse ones, and shrinks otherwise.
 *
 * <p>Cost per step: lambda forward passes (+1 for the reported loss). State: {@code sigma} (P
 * values), which is also the scale the workers get.
 */
public final class Snes implements GradientEstimator {

    private final double sigma0;
    /** lambda, or 0 for the paper's default. */
    private final int population;
    private final Shaping shaping;
    /** etaSigma, or NaN for the paper's default. */
    private final double sigmaLr;
    /** The step's sigma per parameter; null: the initial state, sigma0 everywhere. */
    private final double[] sigma;

    /**
     * @param population lambda, even and >= 2; 0: 4 + floor(3 ln P), rounded up to even
     * @param sigmaLr    etaSigma, >= 0; NaN: (3 + ln P) / (5 sqrt P)
     */
    public Snes(double sigma0, int population, Shaping shaping, double sigmaLr) {
        this(sigma0, population, shaping, sigmaLr, null);
        if (!(sigma0 > 0) || Double.isInfinite(sigma0)) {
            throw new IllegalArgumentException("sigma must be > 0 and finite, but was " + sigma0);
        }
        if (population != 0 && (population < 2 || population % 2 != 0)) {
            throw new IllegalArgumentException("population must be even and >= 2 (mirrored pairs), but was " + population);
        }
        if (!Double.isNaN(sigmaLr) && !(sigmaLr >= 0 && sigmaLr < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("sigma_lr must be >= 0 and finite, but was " + sigmaLr);
        }
    }

    private Snes(double sigma0, int population, Shaping shaping, double sigmaLr, double[] sigma) {
        this.sigma0 = sigma0;
        this.population = population;
        this.shaping = shaping;
        this.sigmaLr = sigmaLr;
        this.sigma = sigma;
    }

    /** The paper's population for P parameters, 4 + floor(3 ln P), rounded up to even for the mirrored pairs. */
    public static int defaultPopulation(int parameterCount) {
        int lambda = 4 + (int) Math.floor(3 * StrictMath.log(parameterCount));
        return lambda + (lambda % 2);
    }

    /** The paper's learning rate of sigma for P parameters: (3 + ln P) / (5 sqrt P). */
    public static double defaultSigmaLr(int parameterCount) {
        return (3 + StrictMath.log(parameterCount)) / (5 * Math.sqrt(parameterCount));
    }

    int population(int parameterCount) {
        return population != 0 ? population : defaultPopulation(parameterCount);
    }

    private double sigmaLr(int parameterCount) {
        return Double.isNaN(sigmaLr) ? defaultSigmaLr(parameterCount) : sigmaLr;
    }

    @Override
    public String name() {
        return "snes";
    }

    @Override
    public int indexCount(int parameterCount) {
        return population(parameterCount) / 2;
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
    public boolean takesOwnStep() {
        return true;
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
    public Snes atScale(double[] scale) {
        return new Snes(sigma0, population, shaping, sigmaLr, scale.clone());
    }

    private double[] sigmaFor(int parameterCount) {
        if (sigma == null) {
            return initialState(parameterCount).buffer("sigma");
        }
        if (sigma.length != parameterCount) {
            throw new IllegalArgumentException("snes has " + sigma.length + " sigmas for " + parameterCount + " parameters");
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

    /** -sigma * grad_mu: minus the mean's step. */
    @Override
    public void reduce(Evaluator ev, double[] theta, StepKey key, double baseLoss, double[] values, double[] grad) {
        int n = theta.length;
        double[] s = sigmaFor(n);
        double[] u = utilities(values);
        double[] gradMu = new double[n];
        double[] z = new double[n];
        for (int j = 0; j < u.length / 2; j++) {
            GaussianDirections.fill(key, j, z);
            double c = u[2 * j] - u[2 * j + 1];
            for (int i = 0; i < n; i++) {
                gradMu[i] += c * z[i];
            }
        }
        for (int i = 0; i < n; i++) {
            grad[i] = -(s[i] * gradMu[i]);
        }
    }

    @Override
    public EstimatorState adapt(EstimatorState state, StepKey key, double[] values) {
        double[] s = state.buffer("sigma");
        int n = s.length;
        double[] u = utilities(values);
        double[] gradSigma = new double[n];
        double[] z = new double[n];
        for (int j = 0; j < u.length / 2; j++) {
            GaussianDirections.fill(key, j, z);
            double c = u[2 * j] + u[2 * j + 1];
            for (int i = 0; i < n; i++) {
                gradSigma[i] += c * (z[i] * z[i] - 1.0);
            }
        }
        double half = sigmaLr(n) / 2;
        for (int i = 0; i < n; i++) {
            s[i] = s[i] * StrictMath.exp(half * gradSigma[i]);
        }
        return new EstimatorState(name(), Map.of("sigma", s));
    }

    /** The utility of each sample (in value order), from its rank among the step's losses. */
    double[] utilities(double[] losses) {
        if (shaping == Shaping.CENTERED_RANK) {
            double[] r = Shaping.centeredRanks(losses);
            for (int k = 0; k < r.length; k++) {
                r[k] = -r[k];
            }
            return r;
        }
        return Shaping.byRank(losses, standardUtilities(losses.length));
    }

    /** The paper's utilities u_1 (best) .. u_lambda (worst). */
    static double[] standardUtilities(int lambda) {
        double top = StrictMath.log(lambda / 2.0 + 1);
        double[] raw = new double[lambda];
        double sum = 0;
        for (int k = 1; k <= lambda; k++) {
            raw[k - 1] = Math.max(0.0, top - StrictMath.log(k));
            sum += raw[k - 1];
        }
        double[] u = new double[lambda];
        for (int k = 0; k < lambda; k++) {
            u[k] = raw[k] / sum - 1.0 / lambda;
        }
        return u;
    }
}
