package org.chemotaxis.task;

/**
 * "Parameters -> loss" on a deterministic sample. The objective is immutable and shared; each
 * thread that computes losses takes its own {@link Evaluator}.
 */
public interface Objective {

    /** P: the length of every parameter vector this objective accepts. */
    int parameterCount();

    /** A new single-threaded evaluator with its own buffers. */
    Evaluator newEvaluator();

    /**
     * Items (episodes, sequences) that one loss on {@code sample} runs: what a run's episode counts
     * add up (every forward pass of a step runs the step's sample).
     */
    default int itemsPerLoss(Sample sample) {
        return sample.size();
    }

    /** True when {@link Evaluator#lossAndGradient} gives the exact gradient (BPTT). */
    boolean supportsGradient();

    /** True when {@link Evaluator#loss(double[], org.chemotaxis.model.NoiseSource)} and {@link Evaluator#localGradient} work. */
    boolean supportsNodeNoise();
}
