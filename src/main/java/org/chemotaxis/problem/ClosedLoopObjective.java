package org.chemotaxis.problem;

import org.chemotaxis.api.ClosedLoopProblem;
import org.chemotaxis.api.Network;
import org.chemotaxis.model.RecurrentModel;

/**
 * A closed-loop problem's loss: the network steers every episode of the sample ({@link
 * EpisodeRunner}); the loss is the problem's loss of the returns. Copies are scored one after
 * another (each environment is one episode of one network).
 */
final class ClosedLoopObjective extends ProblemObjective {

    private final ClosedLoopProblem problem;
    /** The episodes of one thread. */
    private final ThreadLocal<EpisodeRunner> runners;

    ClosedLoopObjective(String name, ClosedLoopProblem problem, RecurrentModel model, int batch) {
        super(name, model, batch);
        if (problem.maxSteps() < 1) {
            throw new IllegalArgumentException("problem '" + name + "': maxSteps must be > 0, but was "
                    + problem.maxSteps());
        }
        this.problem = problem;
        this.runners = ThreadLocal.withInitial(() -> new EpisodeRunner(problem, this::failure));
    }

    @Override
    double loss(Network network, EpisodeKeys key) {
        double[] returns = runners.get().returns(network, key);
        try {
            return problem.loss(returns);
        } catch (RuntimeException x) {
            throw failure("loss", x);
        }
    }

    @Override
    void losses(Network network, EpisodeKeys key, double[] out) {
        for (int c = 0; c < network.copies(); c++) {
            out[c] = loss(network.copy(c), key);
        }
    }

    @Override
    int timeSteps() {
        return problem.maxSteps();
    }
}
