package org.chemotaxis.problem;

import org.chemotaxis.api.ClosedLoopProblem;
import org.chemotaxis.api.ObjectiveProblem;
import org.chemotaxis.api.Problem;
import org.chemotaxis.model.NoiseSource;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Objective;
import org.chemotaxis.task.Sample;

/**
 * A problem of the public API as an {@link Objective}: the loss of a parameter vector is the
 * problem's loss of the network with those parameters on the selected sample. Only forward passes:
 * no exact gradient and no node noise (a problem's world need not be differentiable).
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
            throw new IllegalArgumentException("batch must be > 0, but was " + batch);
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
        return false;
    }

    /** The loss of one parameter vector on a sample; exceptions of the problem's code already say which problem. */
    abstract double loss(double[] theta, EpisodeKeys key);

    /** An exception of the problem's own code, named so that the run's Failed event says whose it is. */
    final ProblemFailure failure(String where, RuntimeException e) {
        return new ProblemFailure("problem '" + name + "' failed in " + where + ": " + e, e);
    }

    @Override
    public Evaluator newEvaluator() {
        return new Evaluator() {
            private EpisodeKeys key;

            @Override
            public void select(Sample sample) {
                this.key = new EpisodeKeys(sample, batch);
            }

            @Override
            public double loss(double[] theta) {
                if (key == null) {
                    throw new IllegalStateException("no sample selected: call select(sample) first");
                }
                return ProblemObjective.this.loss(theta, key);
            }

            @Override
            public double loss(double[] theta, NoiseSource noise) {
                throw new UnsupportedOperationException("a plugin problem has no node noise; use a weight "
                        + "perturbation estimator");
            }

            @Override
            public double lossAndGradient(double[] theta, double[] grad) {
                throw new UnsupportedOperationException("a plugin problem has no exact gradient; use a perturbation "
                        + "estimator");
            }

            @Override
            public double localGradient(double[] theta, NoiseSource cotangent, double[] grad) {
                throw new UnsupportedOperationException("a plugin problem has no node noise");
            }

            @Override
            public int noiseWidth() {
                return 0;
            }

            @Override
            public int timeSteps() {
                return 0;
            }
        };
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
