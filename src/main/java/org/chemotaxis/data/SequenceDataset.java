package org.chemotaxis.data;

/**
 * An immutable set of equally long sequences: at each time step an input vector and a target
 * vector. Thread-safe (read-only after construction).
 */
public interface SequenceDataset {

    /** Number of sequences. */
    int size();

    /** Time steps per sequence. */
    int length();

    int inputSize();

    int targetSize();

    /** Input of sequence {@code seq} at step {@code t}, component {@code i}. */
    double input(int seq, int t, int i);

    /** Target of sequence {@code seq} at step {@code t}, component {@code i}. */
    double target(int seq, int t, int i);
}
