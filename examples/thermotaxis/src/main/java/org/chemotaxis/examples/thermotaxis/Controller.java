package org.chemotaxis.examples.thermotaxis;

import org.chemotaxis.api.Network;

/**
 * A hand-written policy of {@link Thermotaxis}, in the shape of the API's {@link Network} (rows
 * are episodes), so that it runs through the same episode loop as a trained network. Memoryless:
 * the action of a row depends on that row's observation only.
 */
abstract class Controller implements Network {

    private int rows;

    /** The action for one observation (o[0] error, o[1] rate, o[2], o[3] sweep phase). */
    abstract double act(double error, double rate, double sweepSin, double sweepCos);

    @Override
    public final int inputSize() {
        return Thermotaxis.OBSERVATIONS;
    }

    @Override
    public final int outputSize() {
        return 1;
    }

    @Override
    public final void reset(int rows) {
        this.rows = rows;
    }

    @Override
    public final void step(double[] input, double[] output) {
        int n = Thermotaxis.OBSERVATIONS;
        for (int r = 0; r < rows; r++) {
            output[r] = act(input[r * n], input[r * n + 1], input[r * n + 2], input[r * n + 3]);
        }
    }

    /** The trivial controller: never turns, so the worm crawls in a straight line. */
    static final class Straight extends Controller {
        @Override
        double act(double error, double rate, double sweepSin, double sweepCos) {
            return 0;
        }
    }

    /**
     * Klinotaxis on the temperature's rate of change: it wants the rate to be -approach x error
     * (cool down when too warm, warm up when too cold, hold still on the isotherm) and turns,
     * always to the same side, in proportion to how far the rate is from that. Steering one way
     * makes the worm circle the centre counter-clockwise along the isotherm.
     */
    static final class Klinotaxis extends Controller {
        private final double gain;
        private final double approach;

        Klinotaxis(double gain, double approach) {
            this.gain = gain;
            this.approach = approach;
        }

        @Override
        double act(double error, double rate, double sweepSin, double sweepCos) {
            return -gain * (rate + approach * error);
        }
    }
}
