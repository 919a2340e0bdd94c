package org.chemotaxis.worm;

import java.util.Arrays;

/** Controllers for the tests of this package. */
final class TestControllers {

    private TestControllers() {
    }

    /** Constant turning and pirouette rates. */
    static Controller fixed(double turn, double rate) {
        return new Controller() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public void reset(int count, double dt) {
            }

            @Override
            public void step(double t, double[] c, double[] sinPhase, double[] cosPhase, int count, double[] turnOut,
                             double[] rateOut) {
                Arrays.fill(turnOut, 0, count, turn);
                Arrays.fill(rateOut, 0, count, rate);
            }
        };
    }

    /**
     * Runs straight until the sensed concentration first drops (the worm has just passed the
     * peak), then circles at +maxTurn for the rest of the episode. In a noiseless world with the
     * worm started toward the peak, this is "go straight to the peak and stay".
     */
    static Controller stopAtPeak(double maxTurn) {
        return new Controller() {
            private double[] last = new double[0];
            private boolean[] latched = new boolean[0];

            @Override
            public String name() {
                return "stop-at-peak";
            }

            @Override
            public void reset(int count, double dt) {
                last = new double[count];
                latched = new boolean[count];
                Arrays.fill(last, Double.NEGATIVE_INFINITY);
            }

            @Override
            public void step(double t, double[] c, double[] sinPhase, double[] cosPhase, int count, double[] turnOut,
                             double[] rateOut) {
                for (int i = 0; i < count; i++) {
                    if (c[i] < last[i]) {
                        latched[i] = true;
                    }
                    last[i] = c[i];
                    turnOut[i] = latched[i] ? maxTurn : 0;
                    rateOut[i] = 0;
                }
            }
        };
    }
}
