package org.chemotaxis.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Names the slices of a flat parameter vector: which index is which weight. Matrices are
 * row-major: entry (r, c) of slice s lives at {@code s.offset() + r * s.cols() + c}.
 */
public final class ParameterLayout {

    /** One named block of parameters. A vector has cols = 1. */
    public record Slice(String name, int offset, int rows, int cols) {
        public int size() {
            return rows * cols;
        }

        public int index(int row, int col) {
            return offset + row * cols + col;
        }
    }

    private final List<Slice> slices;
    private final int size;

    private ParameterLayout(List<Slice> slices, int size) {
        this.slices = Collections.unmodifiableList(slices);
        this.size = size;
    }

    public List<Slice> slices() {
        return slices;
    }

    /** Total number of parameters P. */
    public int size() {
        return size;
    }

    public Slice slice(String name) {
        for (Slice s : slices) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no parameter slice named '" + name + "'; have " + names());
    }

    /** The slice that holds parameter {@code index}. */
    public Slice sliceOf(int index) {
        for (Slice s : slices) {
            if (index >= s.offset() && index < s.offset() + s.size()) {
                return s;
            }
        }
        throw new IndexOutOfBoundsException("parameter " + index + " outside 0.." + (size - 1));
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Slice s : slices) {
            names.add(s.name());
        }
        return names;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Appends slices one after another. */
    public static final class Builder {
        private final List<Slice> slices = new ArrayList<>();
        private int next;

        public Builder matrix(String name, int rows, int cols) {
            if (rows <= 0 || cols <= 0) {
                throw new IllegalArgumentException("slice " + name + " must be non-empty, but was " + rows + "x" + cols);
            }
            slices.add(new Slice(name, next, rows, cols));
            next += rows * cols;
            return this;
        }

        public Builder vector(String name, int length) {
            return matrix(name, length, 1);
        }

        public ParameterLayout build() {
            return new ParameterLayout(new ArrayList<>(slices), next);
        }
    }
}
