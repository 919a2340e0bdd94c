package org.chemotaxis.perturb;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chemotaxis.math.SymmetricEigen;
import org.chemotaxis.task.Evaluator;

/**
 * CMA-ES, the covariance matrix adaptation evolution strategy with full covariance, as in Hansen
 * 2016, "The CMA Evolution Strategy: A Tutorial" (arXiv:1604.00772), with the tutorial's default
 * parameters (Table 1) and positive recombination weights only (no active update).
 *
 * <p>The search distribution is N(m, sigma^2 C) with m = theta. Index k of a step is one sample
 * x_k = m + sigma B D z_k (C = B D^2 B^T), z_k standard normal from (seed, step, k); it yields
 * its loss. With the samples ranked by loss (ties by index), mu = floor(lambda / 2) and weights
 * w_i proportional to ln((lambda + 1) / 2) - ln i, summing to 1, and y = B D z:
 * <pre>
 *   m       += sigma &lt;y&gt;_w                                        (c_m = 1; &lt;y&gt;_w = sum_{i &lt;= mu} w_i y_{i:lambda})
 *   p_sigma  = (1 - c_sigma) p_sigma + sqrt(c_sigma (2 - c_sigma) mu_eff) B &lt;z&gt;_w     (= C^-1/2 &lt;y&gt;_w)
 *   h_sigma  = |p_sigma| / sqrt(1 - (1 - c_sigma)^(2 (g + 1))) &lt; (1.4 + 2 / (n + 1)) E|N(0, I)|
 *   p_c      = (1 - c_c) p_c + h_sigma sqrt(c_c (2 - c_c) mu_eff) &lt;y&gt;_w
 *   C        = (1 - c_1 - c_mu) C + c_1 (p_c p_c^T + (1 - h_sigma) c_c (2 - c_c) C) + c_mu sum w_i y_i y_i^T
 *   sigma   *= exp(c_sigma / d_sigma (|p_sigma| / E|N(0, I)| - 1))
 * </pre>
 * B and D are recomputed from C (symmetric eigendecomposition, {@link SymmetricEigen}) when more
 * than lambda / ((c_1 + c_mu) n 10) generations have passed since the last time, as the tutorial
 * advises; an eigenvalue below 1e-14 times the largest is raised to it. The population is
 * lambda = 4 + floor(3 ln n) unless configured. CMA-ES moves its own mean ({@link #takesOwnStep}):
 * {@link #reduce} gives -sigma &lt;y&gt;_w; the optimizer is not used, and neither is shaping
 * (the update depends on the ranks alone). Direction of the step size: sigma grows when the selected
 * steps line up from one generation to the next (|p_sigma| above its expected length, e.g. on a
 * slope) and shrinks when they cancel out (around an optimum).
 *
 * <p>Cost per step: lambda forward passes (+1 for the reported loss) and O(lambda n^2) arithmetic,
 * plus an O(n^3) eigendecomposition now and then. State: sigma, p_sigma, p_c, C, B, D and the
 * generation counters, n^2 values each for C and B; the workers get the n x n matrix sigma B D.
 */
public final class CmaEs implements GradientEstimator {

    /** The largest P: C and B are P x P, and so is the matrix sent with theta. */
    public static final int MAX_PARAMETERS = 1000;

    private final double sigma0;
    /** lambda, or 0 for the tutorial's default. */
    private final int population;
    /** The step's sigma B D (n x n, row-major); null: the initial state, sigma0 I. */
    private final double[] scale;

    /**
     * @param sigma0     initial step size, > 0
     * @param population lambda >= 2; 0: 4 + floor(3 ln n)
     */
    public CmaEs(double sigma0, int population) {
        this(sigma0, population, null);
        if (!(sigma0 > 0) || Double.isInfinite(sigma0)) {
            throw new IllegalArgumentException("sigma must be > 0 and finite, but was " + sigma0);
        }
        if (population != 0 && population < 2) {
            throw new IllegalArgumentException("population must be >= 2, but was " + population);
        }
    }

    private CmaEs(double sigma0, int population, double[] scale) {
        this.sigma0 = sigma0;
        this.population = population;
        this.scale = scale;
    }

    /** The tutorial's population for n parameters: 4 + floor(3 ln n). */
    public static int defaultPopulation(int parameterCount) {
        return 4 + (int) Math.floor(3 * StrictMath.log(parameterCount));
    }

    int population(int parameterCount) {
        return population != 0 ? population : defaultPopulation(parameterCount);
    }

    /** The tutorial's constants for n parameters and lambda samples. */
    record Parameters(int n, int lambda, int mu, double[] weights, double muEff, double cSigma, double dSigma,
                      double cC, double c1, double cMu, double chiN, double eigenInterval) {

        static Parameters of(int n, int lambda) {
            int mu = lambda / 2;
            double[] w = new double[mu];
            double sum = 0;
            for (int i = 0; i < mu; i++) {
                w[i] = StrictMath.log((lambda + 1) / 2.0) - StrictMath.log(i + 1);
                sum += w[i];
            }
            double sq = 0;
            for (int i = 0; i < mu; i++) {
                w[i] /= sum;
                sq += w[i] * w[i];
            }
            double muEff = 1 / sq;
            double cSigma = (muEff + 2) / (n + muEff + 5);
            double dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
            double cC = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
            double c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
            double cMu = Math.min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
            double chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
            double eigenInterval = lambda / ((c1 + cMu) * n * 10);
            return new Parameters(n, lambda, mu, w, muEff, cSigma, dSigma, cC, c1, cMu, chiN, eigenInterval);
        }
    }

    @Override
    public String name() {
        return "cmaes";
    }

    @Override
    public int indexCount(int parameterCount) {
        return population(parameterCount);
    }

    @Override
    public int passesPerIndex() {
        return 1;
    }

    @Override
    public boolean takesOwnStep() {
        return true;
    }

    @Override
    public EstimatorState initialState(int n) {
        if (n > MAX_PARAMETERS) {
            throw new IllegalArgumentException("cmaes keeps " + n + " x " + n + " matrices: " + n
                    + " parameters are more than it takes (at most " + MAX_PARAMETERS + "); use snes or pgpe");
        }
        double[] identity = new double[n * n];
        double[] ones = new double[n];
        for (int i = 0; i < n; i++) {
            identity[i * n + i] = 1.0;
            ones[i] = 1.0;
        }
        return state(sigma0, new double[n], new double[n], identity, identity, ones, 0, 0);
    }

    private EstimatorState state(double sigma, double[] pSigma, double[] pC, double[] c, double[] b, double[] d,
                                 double generation, double eigenGeneration) {
        Map<String, double[]> buffers = new LinkedHashMap<>();
        buffers.put("sigma", new double[] {sigma});
        buffers.put("p_sigma", pSigma);
        buffers.put("p_c", pC);
        buffers.put("C", c);
        buffers.put("B", b);
        buffers.put("D", d);
        buffers.put("generation", new double[] {generation});
        buffers.put("eigen_generation", new double[] {eigenGeneration});
        return new EstimatorState(name(), buffers);
    }

    @Override
    public void requireUsable(EstimatorState state, int parameterCount) {
        GradientEstimator.super.requireUsable(state, parameterCount);
        state.requirePositive("sigma");
        state.requirePositive("D");
        double g = state.scalar("generation");
        double e = state.scalar("eigen_generation");
        if (!(g == Math.rint(g) && e == Math.rint(e) && 0 <= e && e <= g)) {
            throw new IllegalArgumentException("estimator state cmaes: generation " + g + " and eigen_generation " + e
                    + " must be whole numbers with 0 <= eigen_generation <= generation");
        }
    }

    /** sigma B D, n x n row-major: a sample is theta + (sigma B D) z. */
    @Override
    public double[] scale(EstimatorState state) {
        double sigma = state.scalar("sigma");
        double[] b = state.buffer("B");
        double[] d = state.buffer("D");
        int n = d.length;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                a[i * n + k] = sigma * b[i * n + k] * d[k];
            }
        }
        return a;
    }

    @Override
    public CmaEs atScale(double[] scale) {
        return new CmaEs(sigma0, population, scale.clone());
    }

    private double[] scaleFor(int n) {
        if (scale == null) {
            return scale(initialState(n));
        }
        if (scale.length != n * n) {
            throw new IllegalArgumentException("cmaes has a scale of " + scale.length + " entries for " + n + " parameters");
        }
        return scale;
    }

    /** out = a z for the n x n row-major a. */
    private static void multiply(double[] a, double[] z, double[] out) {
        int n = z.length;
        for (int i = 0; i < n; i++) {
            double s = 0;
            int row = i * n;
            for (int k = 0; k < n; k++) {
                s += a[row + k] * z[k];
            }
            out[i] = s;
        }
    }

    @Override
    public void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out) {
        double[] a = scaleFor(theta.length);
        double[] z = new double[theta.length];
        PerturbedLosses.singles(ev, theta, from, to, (k, e) -> {
            GaussianDirections.fill(key, k, z);
            multiply(a, z, e);
        }, out);
    }

    /** -sigma &lt;y&gt;_w = -sum_{i &lt;= mu} w_i (sigma B D) z_{i:lambda}: minus the mean's step. */
    @Override
    public void reduce(Evaluator ev, double[] theta, StepKey key, double baseLoss, double[] values, double[] grad) {
        int n = theta.length;
        double[] a = scaleFor(n);
        Arrays.fill(grad, 0.0);
        Integer[] order = Shaping.sortedIndices(values);
        if (order == null) {
            Arrays.fill(grad, Double.NaN);
            return;
        }
        Parameters p = Parameters.of(n, values.length);
        double[] z = new double[n];
        double[] e = new double[n];
        for (int i = 0; i < p.mu(); i++) {
            GaussianDirections.fill(key, order[i], z);
            multiply(a, z, e);
            double w = p.weights()[i];
            for (int r = 0; r < n; r++) {
                grad[r] -= w * e[r];
            }
        }
    }

    @Override
    public EstimatorState adapt(EstimatorState state, StepKey key, double[] values) {
        Integer[] order = Shaping.sortedIndices(values);
        double[] d = state.buffer("D");
        int n = d.length;
        if (order == null) {
            // a NaN loss: a state that fails the step
            double[] nan = new double[n];
            Arrays.fill(nan, Double.NaN);
            return state(Double.NaN, nan, nan, state.buffer("C"), state.buffer("B"), d, 0, 0);
        }
        Parameters p = Parameters.of(n, values.length);
        double sigma = state.scalar("sigma");
        double[] b = state.buffer("B");
        double[] c = state.buffer("C");
        double[] pSigma = state.buffer("p_sigma");
        double[] pC = state.buffer("p_c");
        double generation = state.scalar("generation");
        double eigenGeneration = state.scalar("eigen_generation");

        // the selected z and y = B D z, best first
        double[][] ys = new double[p.mu()][n];
        double[] zw = new double[n];
        double[] z = new double[n];
        double[] dz = new double[n];
        for (int i = 0; i < p.mu(); i++) {
            GaussianDirections.fill(key, order[i], z);
            double w = p.weights()[i];
            for (int r = 0; r < n; r++) {
                zw[r] += w * z[r];
                dz[r] = d[r] * z[r];
            }
            multiply(b, dz, ys[i]);
        }
        double[] yw = new double[n];
        for (int i = 0; i < p.mu(); i++) {
            double w = p.weights()[i];
            for (int r = 0; r < n; r++) {
                yw[r] += w * ys[i][r];
            }
        }
        double[] bzw = new double[n];
        multiply(b, zw, bzw);

        double ps = Math.sqrt(p.cSigma() * (2 - p.cSigma()) * p.muEff());
        double psNormSq = 0;
        for (int r = 0; r < n; r++) {
            pSigma[r] = (1 - p.cSigma()) * pSigma[r] + ps * bzw[r];
            psNormSq += pSigma[r] * pSigma[r];
        }
        double psNorm = Math.sqrt(psNormSq);
        double correction = Math.sqrt(1 - StrictMath.pow(1 - p.cSigma(), 2 * (generation + 1)));
        boolean hSigma = psNorm / correction < (1.4 + 2.0 / (n + 1)) * p.chiN();
        double pcFactor = hSigma ? Math.sqrt(p.cC() * (2 - p.cC()) * p.muEff()) : 0.0;
        for (int r = 0; r < n; r++) {
            pC[r] = (1 - p.cC()) * pC[r] + pcFactor * yw[r];
        }
        double keep = 1 - p.c1() - p.cMu() + (hSigma ? 0.0 : p.c1() * p.cC() * (2 - p.cC()));
        for (int r = 0; r < n; r++) {
            for (int s = 0; s < n; s++) {
                double rankMu = 0;
                for (int i = 0; i < p.mu(); i++) {
                    rankMu += p.weights()[i] * ys[i][r] * ys[i][s];
                }
                c[r * n + s] = keep * c[r * n + s] + p.c1() * pC[r] * pC[s] + p.cMu() * rankMu;
            }
        }
        double nextSigma = sigma * StrictMath.exp(p.cSigma() / p.dSigma() * (psNorm / p.chiN() - 1));
        double nextGeneration = generation + 1;
        if (nextGeneration - eigenGeneration > p.eigenInterval()) {
            SymmetricEigen eig = SymmetricEigen.of(c, n);
            double[] values2 = eig.values();
            double floor = Math.max(values2[n - 1], 0.0) * 1e-14;
            for (int r = 0; r < n; r++) {
                d[r] = Math.sqrt(Math.max(values2[r], floor));
            }
            b = eig.vectors();
            eigenGeneration = nextGeneration;
        }
        return state(nextSigma, pSigma, pC, c, b, d, nextGeneration, eigenGeneration);
    }
}
