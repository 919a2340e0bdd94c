package org.chemotaxis.optim;

/**
 * Adam (Kingma and Ba 2015, "Adam: A Method for Stochastic Optimization", ICLR), Algorithm 1
 * with bias correction, PyTorch's {@code torch.optim.Adam(amsgrad=False)} conventions (eps added
 * after the square root; weight decay is coupled L2, not AdamW's decoupled decay):
 * <pre>
 *   g     = grad + weightDecay * theta     (skipped when weightDecay is 0)
 *   m     = beta1 * m + (1 - beta1) * g
 *   v     = beta2 * v + (1 - beta2) * g^2
 *   mhat  = m / (1 - beta1^t)              (t = 1 on the first step)
 *   vhat  = v / (1 - beta2^t)
 *   theta = theta - lr * mhat / (sqrt(vhat) + eps)
 * </pre>
 * PyTorch groups the same arithmetic as {@code lr/(1-beta1^t) * m / (sqrt(v)/sqrt(1-beta2^t) + eps)};
 * the two agree to rounding (last bits), not bit for bit. beta^t is computed with
 * {@link StrictMath#pow} from the step count, so a restored optimizer and one on another JVM
 * produce the same bits.
 * State buffers: {@code exp_avg} (m), {@code exp_avg_sq} (v).
 */
public final class Adam extends AbstractOptimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double[] m;
    private final double[] v;

    public Adam(int parameterCount, double beta1, double beta2, double eps) {
        this(parameterCount, beta1, beta2, eps, 0.0);
    }

    public Adam(int parameterCount, double beta1, double beta2, double eps, double weightDecay) {
        super(parameterCount, weightDecay);
        OptimizerSettings.requireUnitInterval("beta1", beta1);
        OptimizerSettings.requireUnitInterval("beta2", beta2);
        OptimizerSettings.requirePositive("eps", eps);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = buffer("exp_avg");
        this.v = buffer("exp_avg_sq");
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    protected void update(double[] theta, double[] grad, double lr, long t) {
        final double wd = weightDecay;
        final double bc1 = 1.0 - StrictMath.pow(beta1, t);
        final double bc2 = 1.0 - StrictMath.pow(beta2, t);
        final double oneMinusBeta1 = 1.0 - beta1;
        final double oneMinusBeta2 = 1.0 - beta2;
        for (int i = 0; i < parameterCount; i++) {
            double g = wd == 0.0 ? grad[i] : grad[i] + wd * theta[i];
            m[i] = beta1 * m[i] + oneMinusBeta1 * g;
            v[i] = beta2 * v[i] + oneMinusBeta2 * (g * g);
            double mhat = m[i] / bc1;
            double vhat = v[i] / bc2;
            theta[i] -= lr * mhat / (Math.sqrt(vhat) + eps);
        }
    }
}
