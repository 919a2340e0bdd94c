package org.chemotaxis.optim;

/**
 * The learning rate as a pure function of the optimizer step (counted from 0: the rate of the
 * first update is {@code rate(0)}). Implementations are immutable, so a resumed run recomputes
 * the same rate from the restored step count.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * @param step the 0-based step, >= 0
     * @throws IllegalArgumentException if step is negative
     */
    double rate(long step);

    /** {@code lr} at every step; lr finite and > 0. */
    static LearningRateSchedule constant(double lr) {
        return new Schedules.Constant(lr);
    }

    /**
     * Step decay as PyTorch's {@code StepLR}: {@code lr * gamma^floor(step / every)}.
     *
     * @param lr    the initial rate, finite and > 0
     * @param every steps between decays, > 0
     * @param gamma the factor per decay, in (0, 1]
     */
    static LearningRateSchedule step(double lr, long every, double gamma) {
        return new Schedules.Step(lr, every, gamma);
    }

    /**
     * Linear warm-up, then cosine annealing (Loshchilov and Hutter 2017, "SGDR", without
     * restarts), then flat:
     * <pre>
     *   step &lt; W:        lr * (step + 1) / W
     *   W &lt;= step &lt; T:   minLr + (lr - minLr) * (1 + cos(pi * (step - W) / (T - W))) / 2
     *   step &gt;= T:       minLr
     * </pre>
     * with W = warmupSteps and T = totalSteps. The warm-up reaches lr at step W - 1 and its
     * first step is lr / W, not 0, so no update is spent at rate zero.
     *
     * @param lr          the peak rate, finite and > 0
     * @param totalSteps  the step at which minLr is reached, > warmupSteps
     * @param minLr       the final rate, in [0, lr]
     * @param warmupSteps the length of the warm-up, >= 0 (0: start at lr)
     */
    static LearningRateSchedule cosine(double lr, long totalSteps, double minLr, long warmupSteps) {
        return new Schedules.Cosine(lr, totalSteps, minLr, warmupSteps);
    }
}
