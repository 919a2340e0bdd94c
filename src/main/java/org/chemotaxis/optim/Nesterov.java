package org.chemotaxis.optim;

/**
 * Nesterov momentum (Nesterov 1983) in the reformulation of Sutskever, Martens, Dahl and Hinton
 * 2013, "On the importance of initialization and momentum in deep learning", exactly as PyTorch's
 * {@code torch.optim.SGD(momentum=mu, nesterov=True, dampening=0)} does it: the gradient is taken
 * at the current parameters and the look-ahead is applied to the step instead.
 * <pre>
 *   g     = grad + weightDecay * theta     (coupled L2; skipped when weightDecay is 0)
 *   v     = mu * v + g                     (v starts at 0)
 *   theta = theta - lr * (g + mu * v)
 * </pre>
 * State buffer: {@code momentum_buffer} (v).
 */
public final class Nesterov extends AbstractOptimizer {

    private final double mu;
    private final double[] velocity;

    public Nesterov(int parameterCount, double momentum) {
        this(parameterCount, momentum, 0.0);
    }

    public Nesterov(int parameterCount, double momentum, double weightDecay) {
        super(parameterCount, weightDecay);
        OptimizerSettings.requireUnitInterval("momentum", momentum);
        this.mu = momentum;
        this.velocity = buffer("momentum_buffer");
    }

    @Override
    public String name() {
        return "nesterov";
    }

    @Override
    protected void update(double[] theta, double[] grad, double lr, long t) {
        final double wd = weightDecay;
        final double[] v = velocity;
        for (int i = 0; i < parameterCount; i++) {
            double g = wd == 0.0 ? grad[i] : grad[i] + wd * theta[i];
            v[i] = mu * v[i] + g;
            theta[i] -= lr * (g + mu * v[i]);
        }
    }
}
