package org.chemotaxis.worm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorldTest {

    private static final double V = 0.022;
    private static final double R0 = 4.5;
    private static final double T = 500;
    private static final double DT = 0.01;

    /** No sweep, no noise: only the controller changes the heading. */
    private static WorldConfig still() {
        return WorldConfig.defaults().withSweepAmplitude(0).withHeadingNoise(0);
    }

    private static WorldConfig towardPeak() {
        return still().withStart(new Start.Ring(R0, Start.Heading.TOWARD_PEAK));
    }

    @Test
    void aWormHeadingStraightAtThePeakCoversVTimesT() {
        WormSimulator sim = new WormSimulator(GaussianField.standard(), towardPeak(), 3);
        TrajectoryRecorder rec = new TrajectoryRecorder(3, 1);
        sim.run(TestControllers.fixed(0, 0), 11, 0, 0, 3, rec);
        List<Trajectory> paths = rec.trajectories();
        int n = (int) Math.round(T / DT);
        for (int i = 0; i < 3; i++) {
            Trajectory p = paths.get(i);
            assertEquals(n + 1, p.size());
            assertEquals(R0, Math.hypot(p.x(0), p.y(0)), 1e-12, "starts r0 from the peak");
            for (int k = 0; k <= n; k += 997) {
                double covered = Math.hypot(p.x(k) - p.x(0), p.y(k) - p.y(0));
                assertEquals(V * k * DT, covered, 1e-9, "distance covered at step " + k);
                assertEquals(Math.abs(R0 - V * k * DT), Math.hypot(p.x(k), p.y(k)), 1e-9, "on the line through the peak");
            }
            // Past the peak it keeps going: r(t) = |r0 - v t|, so
            // mean_t r = (1/T) int_0^T |r0 - v t| dt = (r0^2 + (vT - r0)^2) / (2 v T).
            double meanR = (R0 * R0 + (V * T - R0) * (V * T - R0)) / (2 * V * T);
            // The simulator averages r at t = dt, 2dt, ..., T: a Riemann sum of a function with
            // slope v, off the integral by at most v dt.
            assertEquals(1 - meanR / R0, sim.score(i), V * DT / R0);
            assertEquals(0.3687, sim.score(i), 1e-4);
        }
    }

    @Test
    void goingStraightToThePeakAndStayingThereIsTheCeiling() {
        WormSimulator sim = new WormSimulator(GaussianField.standard(), towardPeak(), 4);
        sim.run(TestControllers.stopAtPeak(3), 12, 0, 0, 4);
        // A worm that reaches the peak at t* = r0 / v and stays: r(t) = max(0, r0 - v t), so
        // mean_t r = r0^2 / (2 v T) and F = 1 - r0 / (2 v T).
        double ceiling = 1 - R0 / (2 * V * T);
        assertEquals(0.795, ceiling, 5e-4);
        // The test worm stays on a circle of radius v / 3 through a point within v dt of the
        // peak, so from t* on r <= 2 v / 3 + 2 v dt.
        double tStar = R0 / V;
        double slack = (2 * V / 3 + 2 * V * DT) * (T - tStar) / (T * R0) + V * DT / R0;
        double reachStep = Math.ceil((R0 - 0.5) / (V * DT) - 1e-9);
        for (int i = 0; i < 4; i++) {
            assertTrue(sim.score(i) <= ceiling + V * DT / R0, "F " + sim.score(i) + " above the ceiling");
            assertTrue(sim.score(i) >= ceiling - slack, "F " + sim.score(i) + " below " + (ceiling - slack));
            assertEquals(reachStep * DT, sim.reachTime(i), 1.01 * DT);
        }
    }

    @Test
    void theHeadSweepSlowsProgressByBesselJ0() {
        // With mu(t) = mu0 + (A/w)(cos phi0 - cos(w t + phi0)), the mean of exp(i mu) over a full
        // sweep period is exp(i (mu0 + a cos phi0)) J0(a), a = A / w: after whole periods the
        // worm has moved v t J0(a) in a straight line.
        double periods = 10;
        WorldConfig w = WorldConfig.defaults().withHeadingNoise(0).withDuration(periods * 4.2);
        WormSimulator sim = new WormSimulator(GaussianField.standard(), w, 5);
        TrajectoryRecorder rec = new TrajectoryRecorder(5, 1);
        sim.run(TestControllers.fixed(0, 0), 13, 0, 0, 5, rec);
        assertEquals(0.938469807, besselJ0(0.5), 1e-9, "J0(0.5) from the tables");
        double j0 = besselJ0(0.75 * 4.2 / (2 * Math.PI));
        for (Trajectory p : rec.trajectories()) {
            int end = p.size() - 1;
            double moved = Math.hypot(p.x(end) - p.x(0), p.y(end) - p.y(0));
            assertEquals(V * periods * 4.2 * j0, moved, 1e-4 * V * periods * 4.2);
        }
    }

    /** J0(a) = sum_k (-1)^k (a/2)^(2k) / (k!)^2. */
    private static double besselJ0(double a) {
        double sum = 0;
        double term = 1;
        for (int k = 0; k < 20; k++) {
            sum += term;
            term *= -(a / 2) * (a / 2) / ((k + 1.0) * (k + 1.0));
        }
        return sum;
    }

    @Test
    void headingNoiseIsARateWithSd005DrawnEachStep() {
        WorldConfig w = WorldConfig.defaults().withSweepAmplitude(0).withDuration(50);
        WormSimulator sim = new WormSimulator(GaussianField.standard(), w, 4);
        TrajectoryRecorder rec = new TrajectoryRecorder(4, 1);
        sim.run(TestControllers.fixed(0, 0), 14, 0, 0, 4, rec);
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (Trajectory p : rec.trajectories()) {
            for (int k = 2; k < p.size(); k++) {
                double h1 = Math.atan2(p.y(k - 1) - p.y(k - 2), p.x(k - 1) - p.x(k - 2));
                double h2 = Math.atan2(p.y(k) - p.y(k - 1), p.x(k) - p.x(k - 1));
                double d = Math.IEEEremainder(h2 - h1, 2 * Math.PI);
                sum += d;
                sumSq += d * d;
                n++;
            }
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        // mu += dt xi with xi ~ N(0, 0.05^2): per-step change sd = 0.05 * 0.01 rad. n ~ 20000, so the
        // sample sd is within 1/sqrt(2n) = 0.5 % of it (1 sigma).
        assertEquals(0.05 * DT, sd, 0.03 * 0.05 * DT);
        assertEquals(0, mean, 5 * 0.05 * DT / Math.sqrt(n));
    }

    @Test
    void pirouettesComeAtRateTimesDtAndPointAnywhere() {
        double rate = 0.5;
        int worms = 8;
        WormSimulator sim = new WormSimulator(GaussianField.standard(), still(), worms);
        TrajectoryRecorder rec = new TrajectoryRecorder(worms, 1);
        sim.run(TestControllers.fixed(0, rate), 15, 0, 0, worms, rec);
        int turns = 0;
        double cx = 0;
        double cy = 0;
        for (Trajectory p : rec.trajectories()) {
            for (int k = 2; k < p.size(); k++) {
                double h1 = Math.atan2(p.y(k - 1) - p.y(k - 2), p.x(k - 1) - p.x(k - 2));
                double h2 = Math.atan2(p.y(k) - p.y(k - 1), p.x(k) - p.x(k - 1));
                if (Math.abs(Math.IEEEremainder(h2 - h1, 2 * Math.PI)) > 1e-9) {
                    turns++;
                    cx += Math.cos(h2);
                    cy += Math.sin(h2);
                }
            }
        }
        // Each of the worms x (T/dt - 1) step pairs pirouettes with probability rate dt: binomial.
        double trials = worms * (T / DT - 1);
        double p = rate * DT;
        double expected = trials * p;
        assertEquals(expected, turns, 5 * Math.sqrt(trials * p * (1 - p)));
        // New headings uniform: the mean resultant of n uniform angles has length ~ 1/sqrt(n).
        assertTrue(Math.hypot(cx, cy) / turns < 4 / Math.sqrt(turns), "new headings not uniform");
    }

    @Test
    void sensorNoiseIsMultiplicativeAndFreshEachStep() {
        double eta = 0.2;
        int worms = 2;
        WorldConfig w = WorldConfig.defaults().withSensorNoise(eta).withDuration(20);
        ConcentrationField f = GaussianField.standard();
        WormSimulator sim = new WormSimulator(f, w, worms);
        int steps = w.steps();
        double[][] sensed = new double[worms][steps];
        Controller probe = new Controller() {
            private int k;

            @Override
            public String name() {
                return "probe";
            }

            @Override
            public void reset(int count, double dt) {
                k = 0;
            }

            @Override
            public void step(double t, double[] c, double[] s, double[] co, int count, double[] turn, double[] rate) {
                for (int i = 0; i < count; i++) {
                    sensed[i][k] = c[i];
                    turn[i] = 0;
                    rate[i] = 0;
                }
                k++;
            }
        };
        TrajectoryRecorder rec = new TrajectoryRecorder(worms, 1);
        sim.run(probe, 16, 0, 0, worms, rec);
        double sum = 0;
        double sumSq = 0;
        double lag = 0;
        double prev = 0;
        int n = 0;
        for (int i = 0; i < worms; i++) {
            Trajectory p = rec.trajectories().get(i);
            for (int k = 0; k < steps; k++) {
                // Step k senses at the position reached after k steps.
                double z = (sensed[i][k] / f.at(p.x(k), p.y(k)) - 1) / eta;
                sum += z;
                sumSq += z * z;
                if (k > 0) {
                    lag += z * prev;
                }
                prev = z;
                n++;
            }
        }
        assertEquals(0, sum / n, 5 / Math.sqrt(n));
        assertEquals(1, Math.sqrt(sumSq / n), 5 / Math.sqrt(2.0 * n));
        assertEquals(0, lag / n, 5 / Math.sqrt(n), "independent from step to step");
    }

    @Test
    void aDiskArenaKeepsWormsInside() {
        double radius = 5;
        WorldConfig w = WorldConfig.defaults().withArena(Arena.disk(0, 0, radius)).withDuration(300);
        WormSimulator sim = new WormSimulator(GaussianField.standard(), w, 20);
        int[] nearWall = new int[1];
        double[] farthest = new double[1];
        sim.run(Baselines.create("none"), 17, 0, 0, 20, (step, t, x, y, count) -> {
            for (int i = 0; i < count; i++) {
                double r = Math.hypot(x[i], y[i]);
                farthest[0] = Math.max(farthest[0], r);
                if (r > radius - 0.01) {
                    nearWall[0]++;
                }
            }
        });
        assertTrue(farthest[0] <= radius + 1e-12, "left the disk: " + farthest[0]);
        assertTrue(nearWall[0] > 0, "no worm met the wall, so the test shows nothing");
    }

    @Test
    void anArenaThatCannotHoldTheStartsIsRefused() {
        WorldConfig w = WorldConfig.defaults().withArena(Arena.disk(0, 0, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WormSimulator(GaussianField.standard(), w, 1));
        assertTrue(e.getMessage().contains("world.arena.radius"), e.getMessage());
    }

    @Test
    void configValuesAreValidatedWithTheirKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorldConfig.defaults().withDt(-1));
        assertEquals("dt must be > 0 and finite, but was -1.0 (world.dt)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WorldConfig.defaults().withHeadingNoise(-0.1));
        assertTrue(e.getMessage().endsWith("(world.heading_noise)"), e.getMessage());
    }
}
