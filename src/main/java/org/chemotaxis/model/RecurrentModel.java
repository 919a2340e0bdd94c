package org.chemotaxis.model;

import java.util.Optional;
import org.chemotaxis.kernel.PerWeightKernel;

/**
 * A recurrent network whose parameters are one flat {@code double[]} (layout: {@link #layout()}).
 *
 * <p>The model itself is immutable and thread-safe: it holds sizes only. Every array it reads
 * or writes is passed in, so one model serves many threads, each with its own buffers.
 * Batched arrays are row-major, one row per sequence: {@code input[b * inputSize() + i]}.
 *
 * <p>Node perturbation (Fiete and Seung 2006) adds noise at one "site" per unit (hidden units
 * first, then outputs; {@link #noiseSize()} per row): the site is the quantity a unit computes
 * from its inputs before the next unit reads it. {@link #localGradient} is the transpose of
 * d(site)/d(theta) with the previous state and the input held fixed.
 */
public interface RecurrentModel {

    /** "elman" or "ctrnn". */
    String type();

    int inputSize();

    int outputSize();

    /** Doubles of recurrent state per batch row. */
    int stateSize();

    /** Doubles of node-perturbation noise per batch row and time step (hidden units, then outputs). */
    int noiseSize();

    /** Doubles that {@link #step} records per batch row so that {@link #backward} can run. */
    int tapeSize();

    /** P, the number of parameters. */
    default int parameterCount() {
        return layout().size();
    }

    ParameterLayout layout();

    /** Fills theta (length P) with a deterministic initialisation drawn from {@code seed}. */
    void initialize(double[] theta, long seed);

    /** Writes the initial state of {@code batch} rows into {@code state} (batch x stateSize). */
    void initialState(double[] theta, double[] state, int batch);

    /**
     * One time step for {@code batch} rows.
     *
     * @param stateIn  state at t-1 (read); must not alias {@code stateOut}
     * @param stateOut state at t (written)
     * @param input    batch x inputSize (read)
     * @param output   batch x outputSize (written)
     * @param noise    null, or batch x noiseSize added at the units' noise sites (read)
     * @param tape     null, or an array where batch x tapeSize doubles are written from {@code tapeOffset}
     */
    void step(double[] theta, double[] stateIn, double[] stateOut, double[] input, double[] output,
              int batch, double[] noise, double[] tape, int tapeOffset);

    /**
     * Reverse-mode step (BPTT): given dL/d(state_t) and dL/d(output_t), writes dL/d(state_{t-1})
     * and optionally dL/d(input_t), and adds dL/d(theta) of this step to {@code grad}.
     *
     * @param tape       what {@link #step} recorded for this time step
     * @param dOutput    batch x outputSize (read)
     * @param dStateIn   dL/d(state_t), batch x stateSize (read); must not alias {@code dStateOut}
     * @param dStateOut  dL/d(state_{t-1}), batch x stateSize (written)
     * @param dInput     null, or batch x inputSize (written)
     * @param grad       length P (accumulated)
     */
    void backward(double[] theta, double[] tape, int tapeOffset, int batch, double[] dOutput,
                  double[] dStateIn, double[] dStateOut, double[] dInput, double[] grad);

    /**
     * Adds (d site / d theta)^T dNoise of one time step to {@code grad}, with the previous state
     * and the input held fixed (what node perturbation turns its noise correlations into).
     *
     * @param dNoise batch x noiseSize (read)
     */
    void localGradient(double[] theta, double[] tape, int tapeOffset, int batch, double[] dNoise, double[] grad);

    /**
     * A kernel that computes this model's per-weight perturbation losses on teacher-forced batches
     * ({@link PerWeightKernel#perturbedLosses}) with the structure of the network, bit for bit
     * the mean squared error of full forward passes; empty when the model has none and every
     * perturbed copy needs its own forward pass. A new instance per call (kernels hold buffers).
     *
     * @param steps   T, the time steps of every sequence
     * @param washout leading steps whose error is not counted, 0 &lt;= washout &lt; T
     */
    default Optional<PerWeightKernel> perWeightKernel(int steps, int washout) {
        return Optional.empty();
    }
}
