package org.chemotaxis.problem;

import org.chemotaxis.api.Network;
import org.chemotaxis.api.ObjectiveProblem;
import org.chemotaxis.model.RecurrentModel;

/** An objective problem's loss: the problem runs the network it is handed on the sample's key. */
final class GeneralObjective extends ProblemObjective {

    private final ObjectiveProblem problem;

    GeneralObjective(String name, ObjectiveProblem problem, RecurrentModel model, int batch) {
        super(name, model, batch);
        this.problem = problem;
    }

    ObjectiveProblem problem() {
        return problem;
    }

    @Override
    double loss(Network network, EpisodeKeys key) {
        try {
            return problem.loss(network, key);
        } catch (ProblemFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure("loss", e);
        }
    }

    @Override
    void losses(Network network, EpisodeKeys key, double[] out) {
        try {
            problem.losses(network, key, out);
        } catch (ProblemFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure("losses", e);
        }
    }

    @Override
    int timeSteps() {
        return 0;
    }
}
