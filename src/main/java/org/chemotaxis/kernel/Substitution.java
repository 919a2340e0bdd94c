package org.chemotaxis.kernel;

/**
 * What one copy of the network reads in a block step besides the shared weights of the layout:
 * its bias vector (and, for a CTRNN, its Euler gain vector), and at most one weight vector that
 * replaces the shared one (what a per-weight perturbation changes). A replaced input column c
 * ({@code column >= 0}) or recurrent row j ({@code row >= 0}) is read from
 * {@code vector[vectorOffset ..]}; a replaced bias or gain is simply another {@link #bias} or
 * {@link #gain} array.
 *
 * <p>Mutable, so that a kernel keeps one per copy slot and sets it up per copy without
 * allocating. Not thread-safe.
 */
public final class Substitution {

    private static final double[] NONE = new double[0];

    private int column = -1;
    private int row = -1;
    private double[] vector = NONE;
    private int vectorOffset;
    private double[] bias = NONE;
    private int biasOffset;
    private double[] gain = NONE;
    private int gainOffset;

    /** Replaces input column {@code column} and/or recurrent row {@code row} (-1: none) by {@code vector[offset ..]}. */
    public Substitution replace(int column, int row, double[] vector, int offset) {
        this.column = column;
        this.row = row;
        this.vector = vector;
        this.vectorOffset = offset;
        return this;
    }

    /** No replaced weight vector. */
    public Substitution shared() {
        this.column = -1;
        this.row = -1;
        return this;
    }

    /** The bias vector is {@code bias[offset ..]}. */
    public Substitution bias(double[] bias, int offset) {
        this.bias = bias;
        this.biasOffset = offset;
        return this;
    }

    /** The Euler gain vector (dt / tau) is {@code gain[offset ..]} (CTRNN only). */
    public Substitution gain(double[] gain, int offset) {
        this.gain = gain;
        this.gainOffset = offset;
        return this;
    }

    public int column() {
        return column;
    }

    public int row() {
        return row;
    }

    public double[] vector() {
        return vector;
    }

    public int vectorOffset() {
        return vectorOffset;
    }

    public double[] bias() {
        return bias;
    }

    public int biasOffset() {
        return biasOffset;
    }

    public double[] gain() {
        return gain;
    }

    public int gainOffset() {
        return gainOffset;
    }
}
