package org.chemotaxis.optim;

/**
 * RMSProp (Tieleman and Hinton 2012, COURSERA "Neural Networks for Machine Learning", lecture
 * 6.5), as PyTorch's {@code torch.optim.RMSprop(centered=False, momentum=0)}, where rho is
 * PyTorch's {@code alpha} and eps is added outside the square root:
 * <pre>
 *   g     = grad + weightDecay * theta     (coupled L2; skipped when weightDecay is 0)
 *   s     = rho * s + (1 - rho) * g^2      (s starts at 0, no bias correction)
 *   theta = theta - lr * g / (sqrt(s) + eps)
 * </pre>
 * State buffer: {@code square_avg} (s).
 */
public final class RmsProp extends AbstractOptimizer {

    private final double rho;
    private final double eps;
    private final double[] squareAvg;

    public RmsProp(int parameterCount, double rho, double eps) {
        this(parameterCount, rho, eps, 0.0);
    }

    public RmsProp(int parameterCount, double rho, double eps, double weightDecay) {
        super(parameterCount, weightDecay);
        OptimizerSettings.requireUnitInterval("rho", rho);
        OptimizerSettings.requirePositive("eps", eps);
        this.rho = rho;
        this.eps = eps;
        this.squareAvg = buffer("square_avg");
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    protected void update(double[] theta, double[] grad, double lr, long t) {
        final double wd = weightDecay;
        final double[] s = squareAvg;
        final double oneMinusRho = 1.0 - rho;
        for (int i = 0; i < parameterCount; i++) {
            double g = wd == 0.0 ? grad[i] : grad[i] + wd * theta[i];
            s[i] = rho * s[i] + oneMinusRho * (g * g);
            // Math.sqrt is correctly rounded (IEEE 754), hence identical on every JVM.
            theta[i] -= lr * g / (Math.sqrt(s[i]) + eps);
        }
    }
}
