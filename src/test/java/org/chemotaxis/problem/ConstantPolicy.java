package org.chemotaxis.problem;

import java.util.Arrays;
import org.chemotaxis.api.Network;

/** A hand-written policy for tests: one input, one output, always the same action. */
public final class ConstantPolicy implements Network {

    private final double action;
    private int rows;

    public ConstantPolicy(double action) {
        this.action = action;
    }

    @Override
    public int inputSize() {
        return 1;
    }

    @Override
    public int outputSize() {
        return 1;
    }

    @Override
    public void reset(int rows) {
        this.rows = rows;
    }

    @Override
    public void step(double[] input, double[] output) {
        Arrays.fill(output, 0, rows, action);
    }
}
