package org.chemotaxis.optim;

/**
 * The hyperparameters of every optimizer type except the learning rate, which comes from a
 * {@link LearningRateSchedule}. Immutable and validated on construction; each optimizer reads
 * only the fields it uses (sgd: weightDecay; momentum, nesterov: momentum; rmsprop: rho, eps;
 * adam: beta1, beta2, eps; clipup: momentum, maxSpeed).
 *
 * @param momentum    momentum factor mu of momentum and nesterov, in [0, 1)
 * @param beta1       Adam's decay of the first moment, in [0, 1)
 * @param beta2       Adam's decay of the second moment, in [0, 1)
 * @param eps         added to the root of the second moment (rmsprop, adam), finite and > 0
 * @param rho         RMSProp's decay of the squared-gradient average (PyTorch's alpha), in [0, 1)
 * @param weightDecay coupled L2 coefficient, finite and >= 0: g' = g + weightDecay * theta
 * @param maxSpeed    ClipUp's largest step norm, finite and >= 0; 0 means twice the step's learning rate
 */
public record OptimizerSettings(double momentum, double beta1, double beta2, double eps, double rho,
                                double weightDecay, double maxSpeed) {

    /** Settings without a maximum speed of its own (ClipUp's is then twice the learning rate). */
    public OptimizerSettings(double momentum, double beta1, double beta2, double eps, double rho, double weightDecay) {
        this(momentum, beta1, beta2, eps, rho, weightDecay, 0.0);
    }

    public OptimizerSettings {
        requireUnitInterval("momentum", momentum);
        requireUnitInterval("beta1", beta1);
        requireUnitInterval("beta2", beta2);
        requirePositive("eps", eps);
        requireUnitInterval("rho", rho);
        requireNonNegative("weightDecay", weightDecay);
        requireNonNegative("maxSpeed", maxSpeed);
    }

    /** momentum 0.9, beta1 0.9, beta2 0.999, eps 1e-8, rho 0.99, weightDecay 0 (PyTorch's defaults, momentum aside). */
    public static OptimizerSettings defaults() {
        return new OptimizerSettings(0.9, 0.9, 0.999, 1e-8, 0.99, 0.0);
    }

    public OptimizerSettings withMomentum(double value) {
        return new OptimizerSettings(value, beta1, beta2, eps, rho, weightDecay, maxSpeed);
    }

    public OptimizerSettings withBeta1(double value) {
        return new OptimizerSettings(momentum, value, beta2, eps, rho, weightDecay, maxSpeed);
    }

    public OptimizerSettings withBeta2(double value) {
        return new OptimizerSettings(momentum, beta1, value, eps, rho, weightDecay, maxSpeed);
    }

    public OptimizerSettings withEps(double value) {
        return new OptimizerSettings(momentum, beta1, beta2, value, rho, weightDecay, maxSpeed);
    }

    public OptimizerSettings withRho(double value) {
        return new OptimizerSettings(momentum, beta1, beta2, eps, value, weightDecay, maxSpeed);
    }

    public OptimizerSettings withMaxSpeed(double value) {
        return new OptimizerSettings(momentum, beta1, beta2, eps, rho, weightDecay, value);
    }

    public OptimizerSettings withWeightDecay(double value) {
        return new OptimizerSettings(momentum, beta1, beta2, eps, rho, value, maxSpeed);
    }

    // The optimizers' public constructors share these checks so that a value is judged the same
    // way whether it arrives through a config file or through code.

    static void requireUnitInterval(String key, double value) {
        if (!(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(
                    key + " must be in [0, 1), but was " + value + " (optimizer." + key + ")");
        }
    }

    static void requirePositive(String key, double value) {
        if (!(value > 0.0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                    key + " must be finite and > 0, but was " + value + " (optimizer." + key + ")");
        }
    }

    static void requireNonNegative(String key, double value) {
        if (!(value >= 0.0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                    key + " must be finite and >= 0, but was " + value + " (optimizer." + key + ")");
        }
    }
}
