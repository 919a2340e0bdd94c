package org.chemotaxis.problem;

import org.chemotaxis.api.ClosedLoopProblem;
import org.chemotaxis.api.Network;
import org.chemotaxis.api.ObjectiveProblem;
import org.chemotaxis.api.Problem;
import org.chemotaxis.model.NoiseSource;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.task.BatchEvaluator;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Objective;
import org.chemotaxis.task.Sample;

/**
 * A problem of the public API as an {@link Objective}: the loss of a parameter vector is the
 * problem's loss of the network with those parameters on the selected sample. Only forward passes:
 * no exact gradient (a problem's world need not be differentiable). Node perturbation works for
 * every problem, since the project runs the network ({@link ModelNetwork}); many perturbations of
 * one step are scored together ({@link BatchEvaluator}) where the problem shares their items.
 */
public abstract sealed class ProblemObjective implements Objective permits ClosedLoopObjective, GeneralObjective {

    protected final String name;
    protected final RecurrentModel model;
    protected final int batch;

    /**
     * @param name  the problem's name, for messages
     * @param batch items (episodes) of a training sample
     */
    ProblemObjective(String name, RecurrentModel model, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be > 0, but was " + batch + " (training.batch)");
        }
        this.name = name;
        this.model = model;
        this.batch = batch;
    }

    /** The objective of {@code problem}, whichever its shape. */
    public static ProblemObjective of(String name, Problem problem, RecurrentModel model, int batch) {
        if (problem instanceof ClosedLoopProblem c) {
            return new ClosedLoopObjective(name, c, model, batch);
        }
        return new GeneralObjective(name, (ObjectiveProblem) problem, model, batch);
    }

    /** Network input and output sizes of a problem. */
    public static int[] sizes(Problem problem) {
        if (problem instanceof ClosedLoopProblem c) {
            return new int[] {c.observationSize(), c.actionSize()};
        }
        ObjectiveProblem o = (ObjectiveProblem) problem;
        return new int[] {o.inputSize(), o.outputSize()};
    }

    public RecurrentModel model() {
        return model;
    }

    /** Items (episodes) of a training sample. */
    public int batch() {
        return batch;
    }

    /** A training sample names no items: it holds {@code training.batch} episodes; a validation sample its own. */
    @Override
    public int itemsPerLoss(Sample sample) {
        return sample.size() > 0 ? sample.size() : batch;
    }

    @Override
    public int parameterCount() {
        return model.parameterCount();
    }

    @Override
    public boolean supportsGradient() {
        return false;
    }

    @Override
    public boolean supportsNodeNoise() {
        return true;
    }

    /** The loss of the (one-copy) network on a sample; exceptions of the problem's code already say which problem. */
    abstract double loss(Network network, EpisodeKeys key);

    /** The losses of every copy of the network on a sample, out[c] for copy c. */
    abstract void losses(Network network, EpisodeKeys key, double[] out);

    /** The network steps of one loss, as far as the project knows them (0 when the problem decides). */
    abstract int timeSteps();

    /** An exception of the problem's own code, named so that the run's Failed event says whose it is. */
    final ProblemFailure failure(String where, RuntimeException e) {
        return new ProblemFailure("problem '" + name + "' failed in " + where + ": " + e, e);
    }

    @Override
    public Evaluator newEvaluator() {
        return new ProblemEvaluator();
    }

    /** One thread's evaluator: its own network, the sample selected last. */
    private final class ProblemEvaluator implements Evaluator, BatchEvaluator {
        private final ModelNetwork network = new ModelNetwork(model);
        private EpisodeKeys key;

        @Override
        public void select(Sample sample) {
            this.key = new EpisodeKeys(sample, batch);
        }

        private EpisodeKeys key() {
            if (key == null) {
                throw new IllegalStateException("no sample selected: call select(sample) first");
            }
            return key;
        }

        @Override
        public double loss(double[] theta) {
            return ProblemObjective.this.loss(network.parameters(theta), key());
        }

        @Override
        public void losses(double[] thetas, int copies, double[] out) {
            EpisodeKeys k = key();
            if (copies == 1) {
                out[0] = ProblemObjective.this.loss(network.parameters(thetas), k);
                return;
            }
            ProblemObjective.this.losses(network.copies(thetas, copies), k, out);
        }

        @Override
        public double loss(double[] theta, NoiseSource noise) {
            if (noise == null) {
                throw new IllegalArgumentException("noise must be given");
            }
            network.parameters(theta).noise(noise);
            try {
                return ProblemObjective.this.loss(network, key());
            } finally {
                network.noise(null);
            }
        }

        @Override
        public double lossAndGradient(double[] theta, double[] grad) {
            throw new UnsupportedOperationException("problem '" + name + "' has no exact gradient; use a perturbation "
                    + "estimator");
        }

        @Override
        public double localGradient(double[] theta, NoiseSource cotangent, double[] grad) {
            if (cotangent == null || grad == null || grad.length != parameterCount()) {
                throw new IllegalArgumentException("cotangent and grad of length " + parameterCount() + " must be given");
            }
            network.parameters(theta).cotangent(cotangent, grad);
            try {
                return ProblemObjective.this.loss(network, key());
            } finally {
                network.cotangent(null, null);
            }
        }

        @Override
        public int noiseWidth() {
            return (key == null ? batch : key.size()) * model.noiseSize();
        }

        @Override
        public int timeSteps() {
            return ProblemObjective.this.timeSteps();
        }
    }

    /** Thrown when a problem's own code throws; its message names the problem. */
    public static final class ProblemFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProblemFailure(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
