package org.chemotaxis.model;

/**
 * Closed-loop generation ("FSM mode"): after a teacher-forced warm-up the model's output is fed
 * back as its next input, so a next-step predictor runs as an autonomous dynamical system.
 *
 * <p>Time line, with warm-up inputs u_0 .. u_{k-1} and o_t the output of step t:
 * <pre>
 *   steps 0 .. k-1 : input u_t                  (teacher forcing)
 *   step  t &ge; k     : input o_{t-1}               (feedback)
 *   result[m] = o_{k-1+m},  m = 0 .. n-1
 * </pre>
 * The first generated value, result[0], is therefore the output of the last warm-up step: the
 * model's prediction of what follows u_{k-1}. This is the same time line as
 * {@code SequenceRegression} in free-running mode with washout k.
 */
public final class ClosedLoop {

    private ClosedLoop() {
    }

    /**
     * Runs one sequence (batch of one) without noise. Allocates its own buffers.
     *
     * @param warmup k &ge; 1 input vectors of length {@code model.inputSize()} (read)
     * @param steps  n &ge; 0 values to generate
     * @return a new array [n][outputSize]
     */
    public static double[][] generate(RecurrentModel model, double[] theta, double[][] warmup, int steps) {
        final int in = model.inputSize();
        final int out = model.outputSize();
        if (in != out) {
            throw new IllegalArgumentException("closed-loop generation feeds outputs back as inputs, so it needs "
                    + "inputSize == outputSize, but the model has inputSize " + in + " and outputSize " + out);
        }
        if (theta.length != model.parameterCount()) {
            throw new IllegalArgumentException("theta must have length P = " + model.parameterCount()
                    + ", but was " + theta.length);
        }
        if (warmup.length < 1) {
            throw new IllegalArgumentException("warmup must hold at least 1 input vector, but held 0");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, but was " + steps);
        }
        for (int t = 0; t < warmup.length; t++) {
            if (warmup[t].length != in) {
                throw new IllegalArgumentException("warmup[" + t + "] must have length inputSize = " + in
                        + ", but had " + warmup[t].length);
            }
        }
        double[] state = new double[model.stateSize()];
        double[] next = new double[model.stateSize()];
        double[] input = new double[in];
        double[] output = new double[out];
        double[][] result = new double[steps][];
        model.initialState(theta, state, 1);
        int last = warmup.length - 1 + steps;
        for (int t = 0; t < last; t++) {
            if (t < warmup.length) {
                System.arraycopy(warmup[t], 0, input, 0, in);
            } else {
                System.arraycopy(output, 0, input, 0, in);
            }
            model.step(theta, state, next, input, output, 1, null, null, 0);
            double[] swap = state;
            state = next;
            next = swap;
            int m = t - (warmup.length - 1);
            if (m >= 0) {
                result[m] = output.clone();
            }
        }
        return result;
    }
}
