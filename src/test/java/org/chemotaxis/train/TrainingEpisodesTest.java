package org.chemotaxis.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.chemotaxis.model.NoiseSource;
import org.chemotaxis.optim.Sgd;
import org.chemotaxis.perturb.RandomDirections;
import org.chemotaxis.perturb.WeightPerturbation;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Objective;
import org.chemotaxis.task.Sample;
import org.junit.jupiter.api.Test;

/**
 * The episode counts of a run (EpochEnded, metrics.csv) against a count kept apart from them: the
 * items every loss the training asks for actually ran, training and validation separately.
 */
class TrainingEpisodesTest {

    private static final int P = 4;

    /** A quadratic whose evaluators count the items of every loss they compute. */
    private static class CountingQuadratic implements Objective {
        final AtomicLong items = new AtomicLong();

        @Override
        public int parameterCount() {
            return P;
        }

        @Override
        public boolean supportsGradient() {
            return false;
        }

        @Override
        public boolean supportsNodeNoise() {
            return false;
        }

        @Override
        public Evaluator newEvaluator() {
            return new Evaluator() {
                private Sample sample;

                @Override
                public void select(Sample s) {
                    sample = s;
                }

                @Override
                public double loss(double[] theta) {
                    items.addAndGet(sample.size());
                    double sum = 0;
                    for (double t : theta) {
                        sum += (t - 1) * (t - 1);
                    }
                    return sum;
                }

                @Override
                public double loss(double[] theta, NoiseSource noise) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public double lossAndGradient(double[] theta, double[] grad) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public double localGradient(double[] theta, NoiseSource cotangent, double[] grad) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int noiseWidth() {
                    return 0;
                }

                @Override
                public int timeSteps() {
                    return 1;
                }
            };
        }
    }

    /** Three steps an epoch of 5, 5 and 2 items (a dataset that does not divide by the batch); validation of 7. */
    private static final SampleSource UNEVEN = new SampleSource() {
        @Override
        public int stepsPerEpoch() {
            return 3;
        }

        @Override
        public Sample train(long epoch, int batch) {
            return Sample.of(new int[batch == 2 ? 2 : 5]);
        }

        @Override
        public Sample validation() {
            return Sample.of(new int[7]);
        }
    };

    private static Training training(Objective objective, Objective validation,
                                     org.chemotaxis.perturb.GradientEstimator estimator) {
        return new Training(objective, estimator, new Sgd(P), step -> 0.01, UNEVEN, 0.0, 1L,
                EarlyStoppingRule.of(0, 0.0), new double[P], validation);
    }

    @Test
    void everyLossOfEveryStepAndValidationIsCounted() {
        CountingQuadratic train = new CountingQuadratic();
        CountingQuadratic validation = new CountingQuadratic();
        for (var estimator : new org.chemotaxis.perturb.GradientEstimator[] {RandomDirections.gaussian(0.1, 3),
                WeightPerturbation.forward(0.01)}) {
            train.items.set(0);
            validation.items.set(0);
            Training t = training(train, validation, estimator);
            try (Trainer trainer = Trainer.plain(t)) {
                trainer.run(2);
                // Two more steps: the count of a run stopped inside an epoch.
                trainer.step();
                trainer.step();
            }
            assertEquals(train.items.get(), t.trainingEpisodes(), estimator.name());
            assertEquals(validation.items.get(), t.validationEpisodes(), estimator.name());
            assertEquals(2 * 7, t.validationEpisodes());
        }
    }

    @Test
    void aResumedTrainingCountsOn() {
        CountingQuadratic objective = new CountingQuadratic();
        Training first = training(objective, objective, RandomDirections.gaussian(0.1, 2));
        try (Trainer trainer = Trainer.plain(first)) {
            trainer.run(1);
            trainer.step();
        }
        Training resumed = training(objective, objective, RandomDirections.gaussian(0.1, 2));
        resumed.restoreState(first.exportState());
        assertEquals(first.trainingEpisodes(), resumed.trainingEpisodes());
        assertEquals(first.validationEpisodes(), resumed.validationEpisodes());
    }

    @Test
    void aValidationObjectiveOfAnotherSizeIsRefused() {
        CountingQuadratic objective = new CountingQuadratic();
        Objective other = new CountingQuadratic() {
            @Override
            public int parameterCount() {
                return P + 1;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> training(objective, other, RandomDirections.gaussian(0.1, 2)));
        assertEquals("the validation objective has 5 parameters, but the training objective has 4", e.getMessage());
    }
}
