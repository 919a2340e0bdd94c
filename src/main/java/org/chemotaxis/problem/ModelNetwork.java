package org.chemotaxis.problem;

import org.chemotaxis.api.Network;
import org.chemotaxis.model.RecurrentModel;

/** A {@link RecurrentModel} with one parameter vector, stepped for a problem: the API's {@link Network}. */
final class ModelNetwork implements Network {

    private final RecurrentModel model;
    private double[] theta;
    private double[] stateIn = new double[0];
    private double[] stateOut = new double[0];
    private int rows = -1;

    ModelNetwork(RecurrentModel model) {
        this.model = model;
    }

    /** The parameters the next {@link #reset} and steps use (held by reference). */
    ModelNetwork parameters(double[] theta) {
        this.theta = theta;
        this.rows = -1;
        return this;
    }

    @Override
    public int inputSize() {
        return model.inputSize();
    }

    @Override
    public int outputSize() {
        return model.outputSize();
    }

    @Override
    public void reset(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be > 0, but was " + rows);
        }
        int n = rows * model.stateSize();
        if (stateIn.length < n) {
            stateIn = new double[n];
            stateOut = new double[n];
        }
        model.initialState(theta, stateIn, rows);
        this.rows = rows;
    }

    @Override
    public void step(double[] input, double[] output) {
        if (rows < 1) {
            throw new IllegalStateException("reset(rows) must come before the first step");
        }
        if (input.length < rows * model.inputSize() || output.length < rows * model.outputSize()) {
            throw new IllegalArgumentException("input and output must hold " + rows + " rows of " + model.inputSize()
                    + " and " + model.outputSize() + " doubles, but have " + input.length + " and " + output.length);
        }
        model.step(theta, stateIn, stateOut, input, output, rows, null, null, 0);
        double[] t = stateIn;
        stateIn = stateOut;
        stateOut = t;
    }
}
