package org.chemotaxis.data;

import java.util.SplittableRandom;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.util.Interval;
import org.chemotaxis.util.RandomStreams;
import org.chemotaxis.util.RandomStreams.Purpose;

/**
 * Sine waves for next-step prediction, the project's "hello world". Sequence s is
 * x_t = A sin(2 pi f_s t dt + phi_s); its input at step t is x_t (plus Gaussian noise of standard
 * deviation {@code noise}, if any) and its target is the clean x_{t+1}.
 *
 * <p>f_s and phi_s are drawn uniformly from their ranges with
 * {@code RandomStreams.stream(seed, DATA, 0, s)} (two uniforms, frequency first, always both), the
 * noise of sequence s from {@code stream(seed, DATA_NOISE, 0, s)}; so sequence s is the same
 * whatever {@code count} is. {@link StrictMath#sin} makes the values identical on every JVM.
 * All values are computed once at construction.
 */
public final class SineDataset implements SequenceDataset {

    private final int count;
    private final int length;
    private final double dt;
    private final double amplitude;
    private final double[] frequency;
    private final double[] phase;
    /** inputs[s * length + t] and targets[s * length + t]. */
    private final double[] inputs;
    private final double[] targets;

    /**
     * @param seed      the experiment seed
     * @param count     number of sequences, >= 1
     * @param length    steps per sequence, >= 1
     * @param dt        seconds per step, > 0
     * @param frequencies Hz, a single value or [min, max)
     * @param phases      radians, a single value or [min, max)
     * @param amplitude A
     * @param noise     standard deviation of the input noise, >= 0 (0 = none)
     */
    public SineDataset(long seed, int count, int length, double dt, Interval frequencies, Interval phases,
                       double amplitude, double noise) {
        if (count < 1) {
            throw new BadInputException("sine count must be > 0, but was " + count + " (data.count)");
        }
        if (length < 1) {
            throw new BadInputException("sine length must be > 0, but was " + length + " (data.length)");
        }
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new BadInputException("sine dt must be a finite number > 0, but was " + dt + " (data.dt)");
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new BadInputException("sine noise must be a finite number >= 0, but was " + noise + " (data.noise)");
        }
        this.count = count;
        this.length = length;
        this.dt = dt;
        this.amplitude = amplitude;
        this.frequency = new double[count];
        this.phase = new double[count];
        this.inputs = new double[count * length];
        this.targets = new double[count * length];
        for (int s = 0; s < count; s++) {
            SplittableRandom r = RandomStreams.stream(seed, Purpose.DATA, 0, s);
            frequency[s] = frequencies.sample(r);
            phase[s] = phases.sample(r);
            SplittableRandom n = noise > 0 ? RandomStreams.stream(seed, Purpose.DATA_NOISE, 0, s) : null;
            for (int t = 0; t < length; t++) {
                double x = wave(s, t);
                inputs[s * length + t] = n == null ? x : x + noise * n.nextGaussian();
                targets[s * length + t] = wave(s, t + 1);
            }
        }
    }

    /**
     * The clean wave of sequence {@code seq} at step {@code t}, which may be fractional, negative
     * or beyond {@link #length()}: A sin(2 pi f t dt + phi). Compare a closed-loop generation
     * against this.
     */
    public double wave(int seq, double t) {
        return amplitude * StrictMath.sin(2 * Math.PI * frequency[seq] * (t * dt) + phase[seq]);
    }

    /** Frequency (Hz) of sequence {@code seq}. */
    public double frequency(int seq) {
        return frequency[seq];
    }

    /** Phase (rad) of sequence {@code seq}. */
    public double phase(int seq) {
        return phase[seq];
    }

    public double dt() {
        return dt;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int inputSize() {
        return 1;
    }

    @Override
    public int targetSize() {
        return 1;
    }

    @Override
    public double input(int seq, int t, int i) {
        check(seq, t, i);
        return inputs[seq * length + t];
    }

    @Override
    public double target(int seq, int t, int i) {
        check(seq, t, i);
        return targets[seq * length + t];
    }

    private void check(int seq, int t, int i) {
        if (seq < 0 || seq >= count || t < 0 || t >= length || i != 0) {
            throw new IndexOutOfBoundsException("seq " + seq + ", t " + t + ", i " + i + " outside " + count + " x "
                    + length + " x 1");
        }
    }
}
