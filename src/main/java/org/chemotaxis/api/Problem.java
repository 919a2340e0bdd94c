package org.chemotaxis.api;

/**
 * A problem a recurrent network can be trained on, without gradients: the project perturbs the
 * network's parameters and measures the loss of each perturbation. Implement one of its two
 * shapes, {@link ClosedLoopProblem} or {@link ObjectiveProblem}.
 *
 * <p>A problem is built once per node from its parameters ({@link ProblemFactory#create}) and
 * shared by the threads of that node: keep it immutable. Per-thread state belongs in the
 * {@link Environment}s it creates.
 */
public sealed interface Problem permits ClosedLoopProblem, ObjectiveProblem {

    /** The name of what the run reports each epoch (e.g. "return", "F"). */
    default String metricName() {
        return "metric";
    }

    /** The reported metric as a function of the validation loss (e.g. {@code -loss}). */
    default double metric(double loss) {
        return -loss;
    }
}
