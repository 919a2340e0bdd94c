package org.chemotaxis.train;

/**
 * Stop when the validation loss has not improved by more than {@code minDelta} for
 * {@code patience} epochs in a row (patience 0 = never stop). Pure and immutable: the state it
 * needs is passed in and returned, so it can be checkpointed and tested without actors.
 */
public final class EarlyStoppingRule {

    /** The rule's memory: the best loss so far, its epoch, and epochs since it. */
    public record State(double bestLoss, long bestEpoch, int epochsWithoutImprovement) {
        public static State initial() {
            return new State(Double.POSITIVE_INFINITY, -1, 0);
        }
    }

    /** What one epoch's loss means: the new state, whether it is the best so far, and whether to stop. */
    public record Verdict(State state, boolean improved, boolean stop) {
    }

    private final int patience;
    private final double minDelta;

    private EarlyStoppingRule(int patience, double minDelta) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, but was " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("min_delta must be >= 0 and finite, but was " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
    }

    public static EarlyStoppingRule of(int patience, double minDelta) {
        return new EarlyStoppingRule(patience, minDelta);
    }

    public int patience() {
        return patience;
    }

    public Verdict observe(State state, long epoch, double loss) {
        boolean improved = loss < state.bestLoss() - minDelta;
        State next = improved
                ? new State(loss, epoch, 0)
                : new State(state.bestLoss(), state.bestEpoch(), state.epochsWithoutImprovement() + 1);
        boolean stop = patience > 0 && next.epochsWithoutImprovement() >= patience;
        return new Verdict(next, improved, stop);
    }
}
