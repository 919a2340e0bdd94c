package org.chemotaxis.optim;

/** The implementations behind {@link LearningRateSchedule}'s factories; records for readable toString. */
final class Schedules {

    private Schedules() {
    }

    record Constant(double lr) implements LearningRateSchedule {
        Constant {
            requireRate(lr);
        }

        @Override
        public double rate(long step) {
            requireStep(step);
            return lr;
        }
    }

    record Step(double lr, long every, double gamma) implements LearningRateSchedule {
        Step {
            requireRate(lr);
            if (every <= 0) {
                throw new IllegalArgumentException("every must be > 0, but was " + every + " (step schedule)");
            }
            if (!(gamma > 0.0 && gamma <= 1.0)) {
                throw new IllegalArgumentException("gamma must be in (0, 1], but was " + gamma + " (step schedule)");
            }
        }

        @Override
        public double rate(long step) {
            requireStep(step);
            return lr * StrictMath.pow(gamma, (double) (step / every));
        }
    }

    record Cosine(double lr, long totalSteps, double minLr, long warmupSteps) implements LearningRateSchedule {
        Cosine {
            requireRate(lr);
            if (warmupSteps < 0) {
                throw new IllegalArgumentException(
                        "warmupSteps must be >= 0, but was " + warmupSteps + " (cosine schedule)");
            }
            if (totalSteps <= warmupSteps) {
                throw new IllegalArgumentException("totalSteps must be > warmupSteps (" + warmupSteps
                        + "), but was " + totalSteps + " (cosine schedule)");
            }
            if (!(minLr >= 0.0 && minLr <= lr)) {
                throw new IllegalArgumentException(
                        "minLr must be in [0, lr] = [0, " + lr + "], but was " + minLr + " (cosine schedule)");
            }
        }

        @Override
        public double rate(long step) {
            requireStep(step);
            if (step < warmupSteps) {
                return lr * (double) (step + 1) / (double) warmupSteps;
            }
            if (step >= totalSteps) {
                return minLr;
            }
            double progress = (double) (step - warmupSteps) / (double) (totalSteps - warmupSteps);
            return minLr + (lr - minLr) * 0.5 * (1.0 + StrictMath.cos(Math.PI * progress));
        }
    }

    private static void requireRate(double lr) {
        if (!(lr > 0.0 && lr < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("lr must be finite and > 0, but was " + lr);
        }
    }

    private static void requireStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, but was " + step);
        }
    }
}
