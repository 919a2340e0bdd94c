package org.chemotaxis.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.chemotaxis.optim.Sgd;
import org.chemotaxis.perturb.Backpropagation;
import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.perturb.NodePerturbation;
import org.chemotaxis.perturb.RandomDirections;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Objective;
import org.chemotaxis.task.Sample;
import org.junit.jupiter.api.Test;

/** Training asks the estimator what it needs and the objective what it offers, whatever their names. */
class TrainingCapabilitiesTest {

    private static final int P = 3;

    /** An objective with neither a gradient nor node noise (it is never evaluated here). */
    private static final Objective PLAIN = new Objective() {
        @Override
        public int parameterCount() {
            return P;
        }

        @Override
        public Evaluator newEvaluator() {
            return null;
        }

        @Override
        public boolean supportsGradient() {
            return false;
        }

        @Override
        public boolean supportsNodeNoise() {
            return false;
        }
    };

    private static final SampleSource ONE = new SampleSource() {
        @Override
        public int stepsPerEpoch() {
            return 1;
        }

        @Override
        public Sample train(long epoch, int batch) {
            return Sample.of(new int[] {0});
        }

        @Override
        public Sample validation() {
            return Sample.of(new int[] {0});
        }
    };

    private static Training training(GradientEstimator estimator) {
        return new Training(PLAIN, estimator, new Sgd(P), step -> 0.1, ONE, 0.0, 1L,
                EarlyStoppingRule.of(0, 0.0), new double[P]);
    }

    @Test
    void anEstimatorThatNeedsWhatTheObjectiveLacksIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> training(new Backpropagation()));
        assertEquals("the bptt estimator needs a differentiable objective; this one is not", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> training(new NodePerturbation(0.1, 2)));
        assertEquals("the node estimator needs an objective with node noise; this one has none", e.getMessage());
    }

    @Test
    void anEstimatorThatNeedsNeitherIsAccepted() {
        assertEquals(P, training(RandomDirections.rademacher(0.1, 2)).parameterCount());
    }
}
