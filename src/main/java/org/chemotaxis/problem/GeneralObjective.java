package org.chemotaxis.problem;

import org.chemotaxis.api.ObjectiveProblem;
import org.chemotaxis.model.RecurrentModel;

/** An objective problem's loss: the problem runs the network it is handed on the sample's key. */
final class GeneralObjective extends ProblemObjective {

    private final ObjectiveProblem problem;
    private final ThreadLocal<ModelNetwork> networks;

    GeneralObjective(String name, ObjectiveProblem problem, RecurrentModel model, int batch) {
        super(name, model, batch);
        this.problem = problem;
        this.networks = ThreadLocal.withInitial(() -> new ModelNetwork(model));
    }

    @Override
    double loss(double[] theta, EpisodeKeys key) {
        try {
            return problem.loss(networks.get().parameters(theta), key);
        } catch (ProblemFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure("loss", e);
        }
    }
}
