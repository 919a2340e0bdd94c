package org.chemotaxis.optim;

import java.util.List;

/** Builds an optimizer from its config name. */
public final class Optimizers {

    /** The accepted values of {@code optimizer.type}, in the order they are listed in messages. */
    public static final List<String> TYPES = List.of("sgd", "momentum", "nesterov", "rmsprop", "adam", "clipup");

    private Optimizers() {
    }

    /**
     * A fresh optimizer (zero buffers, step 0) of the given type.
     *
     * @param type           one of {@link #TYPES}, exactly (lower case)
     * @param parameterCount the length of theta, > 0
     * @param settings       the hyperparameters; fields the type does not use are ignored
     * @throws IllegalArgumentException on an unknown type, naming the accepted values
     */
    public static Optimizer create(String type, int parameterCount, OptimizerSettings settings) {
        if (type == null) {
            throw unknown(null);
        }
        return switch (type) {
            case "sgd" -> new Sgd(parameterCount, settings.weightDecay());
            case "momentum" -> new Momentum(parameterCount, settings.momentum(), settings.weightDecay());
            case "nesterov" -> new Nesterov(parameterCount, settings.momentum(), settings.weightDecay());
            case "rmsprop" -> new RmsProp(parameterCount, settings.rho(), settings.eps(), settings.weightDecay());
            case "adam" -> new Adam(parameterCount, settings.beta1(), settings.beta2(), settings.eps(),
                    settings.weightDecay());
            case "clipup" -> new ClipUp(parameterCount, settings.momentum(), settings.maxSpeed(), settings.weightDecay());
            default -> throw unknown(type);
        };
    }

    private static IllegalArgumentException unknown(String type) {
        return new IllegalArgumentException("optimizer.type must be one of " + String.join(", ", TYPES)
                + ", but was " + (type == null ? "null" : "'" + type + "'"));
    }
}
