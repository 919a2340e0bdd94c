package org.chemotaxis.optim;

/**
 * Plain stochastic gradient descent (Robbins and Monro 1951), with PyTorch's {@code torch.optim.SGD}
 * conventions at momentum 0:
 * <pre>
 *   g     = grad + weightDecay * theta     (coupled L2; skipped when weightDecay is 0)
 *   theta = theta - lr * g
 * </pre>
 * Holds no buffers; the exported state is the step count only.
 */
public final class Sgd extends AbstractOptimizer {

    public Sgd(int parameterCount) {
        this(parameterCount, 0.0);
    }

    public Sgd(int parameterCount, double weightDecay) {
        super(parameterCount, weightDecay);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected void update(double[] theta, double[] grad, double lr, long t) {
        final double wd = weightDecay;
        for (int i = 0; i < parameterCount; i++) {
            double g = wd == 0.0 ? grad[i] : grad[i] + wd * theta[i];
            theta[i] -= lr * g;
        }
    }
}
