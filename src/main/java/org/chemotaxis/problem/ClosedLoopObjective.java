package org.chemotaxis.problem;

import org.chemotaxis.api.ClosedLoopProblem;
import org.chemotaxis.model.RecurrentModel;

/**
 * A closed-loop problem's loss: the network steers every episode of the sample ({@link
 * EpisodeRunner}); the loss is the problem's loss of the returns.
 */
final class ClosedLoopObjective extends ProblemObjective {

    private final ClosedLoopProblem problem;
    /** The episodes and the network of one thread. */
    private final ThreadLocal<EpisodeRunner> runners;
    private final ThreadLocal<ModelNetwork> networks;

    ClosedLoopObjective(String name, ClosedLoopProblem problem, RecurrentModel model, int batch) {
        super(name, model, batch);
        if (problem.maxSteps() < 1) {
            throw new IllegalArgumentException("problem '" + name + "': maxSteps must be > 0, but was "
                    + problem.maxSteps());
        }
        this.problem = problem;
        this.runners = ThreadLocal.withInitial(() -> new EpisodeRunner(problem, this::failure));
        this.networks = ThreadLocal.withInitial(() -> new ModelNetwork(model));
    }

    @Override
    double loss(double[] theta, EpisodeKeys key) {
        double[] returns = runners.get().returns(networks.get().parameters(theta), key);
        try {
            return problem.loss(returns);
        } catch (RuntimeException x) {
            throw failure("loss", x);
        }
    }
}
