package org.chemotaxis.optim;

/**
 * Heavy-ball momentum (Polyak 1964, "Some methods of speeding up the convergence of iteration
 * methods"), in the form of PyTorch's {@code torch.optim.SGD(momentum=mu, dampening=0)}: the
 * learning rate multiplies the velocity rather than being folded into it, so changing lr
 * mid-run (a schedule) does not rescale the stored velocity.
 * <pre>
 *   g     = grad + weightDecay * theta     (coupled L2; skipped when weightDecay is 0)
 *   v     = mu * v + g                     (v starts at 0, so v_1 = g_1 as in PyTorch)
 *   theta = theta - lr * v
 * </pre>
 * State buffer: {@code momentum_buffer} (v).
 */
public final class Momentum extends AbstractOptimizer {

    private final double mu;
    private final double[] velocity;

    public Momentum(int parameterCount, double momentum) {
        this(parameterCount, momentum, 0.0);
    }

    public Momentum(int parameterCount, double momentum, double weightDecay) {
        super(parameterCount, weightDecay);
        OptimizerSettings.requireUnitInterval("momentum", momentum);
        this.mu = momentum;
        this.velocity = buffer("momentum_buffer");
    }

    @Override
    public String name() {
        return "momentum";
    }

    @Override
    protected void update(double[] theta, double[] grad, double lr, long t) {
        final double wd = weightDecay;
        final double[] v = velocity;
        for (int i = 0; i < parameterCount; i++) {
            double g = wd == 0.0 ? grad[i] : grad[i] + wd * theta[i];
            v[i] = mu * v[i] + g;
            theta[i] -= lr * v[i];
        }
    }
}
