package org.chemotaxis.optim;

/**
 * ClipUp (Toklu, Liskowski and Srivastava 2020, "ClipUp: A Simple and Powerful Optimizer for
 * Distribution-based Policy Evolution", PPSN XVI): momentum on the normalised gradient, with the
 * velocity's norm clipped to a maximum speed. The step has the same length whatever the scale of
 * the gradient, which suits estimates whose scale means little (ranked losses, PGPE's):
 * <pre>
 *   g     = grad + weightDecay * theta     (coupled L2; skipped when weightDecay is 0)
 *   v     = momentum * v + lr * g / |g|    (nothing is added when |g| = 0)
 *   v     = v * maxSpeed / |v|             when |v| > maxSpeed
 *   theta = theta - v
 * </pre>
 * lr is the paper's step size alpha; maxSpeed 0 means twice the step's lr, the paper's advice
 * (alpha = maxSpeed / 2). Norms are L2 over all parameters ({@link GradientClipping#norm}).
 * State buffer: {@code velocity} (v).
 */
public final class ClipUp extends AbstractOptimizer {

    private final double momentum;
    private final double maxSpeed;
    private final double[] velocity;
    /** g with weight decay, reused each step; not state. */
    private final double[] decayed;

    public ClipUp(int parameterCount, double momentum, double maxSpeed) {
        this(parameterCount, momentum, maxSpeed, 0.0);
    }

    /** @param maxSpeed the largest norm of a step; 0: twice the step's learning rate */
    public ClipUp(int parameterCount, double momentum, double maxSpeed, double weightDecay) {
        super(parameterCount, weightDecay);
        OptimizerSettings.requireUnitInterval("momentum", momentum);
        OptimizerSettings.requireNonNegative("maxSpeed", maxSpeed);
        this.momentum = momentum;
        this.maxSpeed = maxSpeed;
        this.velocity = buffer("velocity");
        this.decayed = new double[parameterCount];
    }

    @Override
    public String name() {
        return "clipup";
    }

    @Override
    protected void update(double[] theta, double[] grad, double lr, long t) {
        double[] g = grad;
        if (weightDecay != 0.0) {
            for (int i = 0; i < parameterCount; i++) {
                decayed[i] = grad[i] + weightDecay * theta[i];
            }
            g = decayed;
        }
        double norm = GradientClipping.norm(g);
        double a = norm > 0.0 ? lr / norm : 0.0;
        for (int i = 0; i < parameterCount; i++) {
            velocity[i] = momentum * velocity[i] + a * g[i];
        }
        double limit = maxSpeed > 0.0 ? maxSpeed : 2.0 * lr;
        double speed = GradientClipping.norm(velocity);
        if (speed > limit) {
            double c = limit / speed;
            for (int i = 0; i < parameterCount; i++) {
                velocity[i] *= c;
            }
        }
        for (int i = 0; i < parameterCount; i++) {
            theta[i] -= velocity[i];
        }
    }
}
