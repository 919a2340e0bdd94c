package org.chemotaxis.worm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.chemotaxis.model.ParameterLayout;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.problem.ModelNetwork;
import org.junit.jupiter.api.Test;

class NetworkControllerTest {

    private static final NetworkSpec LOGC_ONLY = NetworkSpec.defaults()
            .withInputs(List.of(NetworkSpec.Input.LOG_CONCENTRATION));

    /** The controller of the network {@code m} with {@code theta}, as training and evaluation build it. */
    static NetworkController controller(RecurrentModel m, double[] theta, NetworkSpec spec) {
        return new NetworkController(ModelNetwork.of(m, theta), spec);
    }

    private static void set(TinyElman m, double[] theta, String slice, int row, int col, double v) {
        ParameterLayout.Slice s = m.layout().slice(slice);
        theta[s.index(row, col)] = v;
    }

    /** dlogc alone, a network step every 0.05 s (5 world steps of 0.01 s), derivative scale 10. */
    private static final NetworkSpec DLOGC_EVERY_5_STEPS = NetworkSpec.defaults()
            .withInputs(List.of(NetworkSpec.Input.LOG_DERIVATIVE)).withControlDt(0.05).withDerivativeScale(10);

    /** One unit with unit weights, h = tanh(x): its turn 3 tanh(tanh(x)) shows the input x. */
    private static NetworkController dlogcProbe(NetworkSpec spec) {
        TinyElman m = new TinyElman(1, 1, 1);
        double[] theta = new double[m.parameterCount()];
        set(m, theta, "U", 0, 0, 1);
        set(m, theta, "V", 0, 0, 1);
        return controller(m, theta, spec);
    }

    @Test
    void outputsAreDecodedHeldBetweenNetworkStepsAndTheStatePersists() {
        TinyElman m = new TinyElman(1, 1, 2);
        double[] theta = new double[m.parameterCount()];
        double w = 0.7;
        double u = 0.4;
        double v0 = 1.3;
        double c0 = -0.2;
        double v1 = -0.9;
        double c1 = 0.5;
        set(m, theta, "W", 0, 0, w);
        set(m, theta, "U", 0, 0, u);
        set(m, theta, "V", 0, 0, v0);
        set(m, theta, "c", 0, 0, c0);
        set(m, theta, "V", 1, 0, v1);
        set(m, theta, "c", 1, 0, c1);
        NetworkSpec spec = LOGC_ONLY.withPirouetteOutput(true).withControlDt(0.05).withMaxPirouetteRate(0.8);
        NetworkController ctl = controller(m, theta, spec);
        double dt = 0.01;
        ctl.reset(1, dt);
        double[] c = new double[1];
        double[] z = new double[1];
        double[] turn = new double[1];
        double[] rate = new double[1];
        double h = 0;
        double sumLog = 0;
        int n = 0;
        for (int k = 0; k < 12; k++) {
            c[0] = 0.1 + 0.05 * k;
            ctl.step(k * dt, c, z, z, 1, turn, rate);
            sumLog += Math.log(c[0]);
            n++;
            if (k % 5 == 0) {
                // Network step: h = tanh(w h + u x), out = V h + c, with x the mean of ln C over
                // the world steps since the last network step (0; 1..5; 6..10).
                h = Math.tanh(w * h + u * sumLog / n);
                sumLog = 0;
                n = 0;
            }
            assertEquals(3 * Math.tanh(v0 * h + c0), turn[0], 1e-12, "turn at call " + k);
            assertEquals(0.8 / (1 + Math.exp(-(v1 * h + c1))), rate[0], 1e-12, "rate at call " + k);
        }
        assertEquals(3, ctl.networkSteps());
    }

    @Test
    void inputsArriveInTheOrderTheSpecNames() {
        NetworkSpec spec = NetworkSpec.defaults().withControlDt(0.01).withInputs(List.of(NetworkSpec.Input.COS_PHASE,
                NetworkSpec.Input.CONCENTRATION, NetworkSpec.Input.SIN_PHASE, NetworkSpec.Input.LOG_CONCENTRATION));
        double[] c = {0.3};
        double[] sin = {0.6};
        double[] cos = {-0.8};
        double[] expected = {-0.8, 0.3, 0.6, Math.log(0.3)};
        for (int j = 0; j < 4; j++) {
            TinyElman m = new TinyElman(4, 4, 1);
            double[] theta = new double[m.parameterCount()];
            for (int k = 0; k < 4; k++) {
                set(m, theta, "U", k, k, 1);
            }
            set(m, theta, "V", 0, j, 1);
            NetworkController ctl = controller(m, theta, spec);
            ctl.reset(1, 0.01);
            double[] turn = new double[1];
            double[] rate = new double[1];
            ctl.step(0, c, sin, cos, 1, turn, rate);
            assertEquals(3 * Math.tanh(Math.tanh(expected[j])), turn[0], 1e-12, "input " + j);
            assertEquals(0, rate[0], "no pirouette output: no pirouettes");
        }
    }

    @Test
    void dlogcIsTheScaledChangeOfTheMeanLnCBetweenNetworkStepsPerSecond() {
        // One unit, h = tanh(x): turn = 3 tanh(tanh(x)) shows the input x. The network steps at
        // world steps 0, 5, 10 (control 0.05 s, dt 0.01 s); m_n is the mean ln C over the world
        // steps of its window ({0}, {1..5}, {6..10}); x = 0 at the first step, then
        // 10 (m_n - m_{n-1}) / 0.05.
        NetworkController ctl = dlogcProbe(DLOGC_EVERY_5_STEPS);
        ctl.reset(2, 0.01);
        double[] turn = new double[2];
        double[] rate = new double[2];
        double[] z = new double[2];
        double[][] mean = new double[3][2];
        for (int k = 0; k < 11; k++) {
            double[] c = {0.2 + 0.001 * k * k, 0.7 - 0.003 * k};
            int t = (k + 4) / 5;
            for (int r = 0; r < 2; r++) {
                mean[t][r] += Math.log(c[r]) / (t == 0 ? 1 : 5);
            }
            ctl.step(k * 0.01, c, z, z, 2, turn, rate);
            for (int r = 0; r < 2; r++) {
                int seen = k / 5;
                double x = seen == 0 ? 0 : 10 * (mean[seen][r] - mean[seen - 1][r]) / 0.05;
                assertEquals(3 * Math.tanh(Math.tanh(x)), turn[r], 1e-12, "row " + r + " call " + k);
            }
        }
        ctl.reset(2, 0.01);
        ctl.step(0, new double[] {0.9, 0.9}, z, z, 2, turn, rate);
        assertEquals(0, turn[0], "a reset forgets the last concentration");
    }

    @Test
    void anAdaptingSensorDividesDlogcByTheRootOfItsRunningMeanSquare() {
        // Network steps at world steps 0, 5, 10, ... (control 0.05 s, dt 0.01 s); d_n as in the
        // test above (0 at the first step), m_0 = 1, m_n = m_{n-1} + (1 - exp(-0.05/0.2)) (d_n^2 - m_{n-1}),
        // and the network sees x_n = d_n / sqrt(m_n + 0.01^2). Row 0 climbs a gradient ten times
        // as steep as row 1, both at a steady relative rate.
        double tau = 0.2;
        NetworkController ctl = dlogcProbe(DLOGC_EVERY_5_STEPS.withAdaptTau(tau));
        ctl.reset(2, 0.01);
        double a = 1 - Math.exp(-0.05 / tau);
        double[] turn = new double[2];
        double[] rate = new double[2];
        double[] z = new double[2];
        double[] growth = {0.02, 0.002};
        double[][] sum = new double[2][2];
        double[] previousMean = new double[2];
        double[] ms = {1, 1};
        double[] x = new double[2];
        int world = 60;
        for (int k = 0; k <= world; k++) {
            double[] c = {0.1 * Math.exp(growth[0] * k), 0.1 * Math.exp(growth[1] * k)};
            ctl.step(k * 0.01, c, z, z, 2, turn, rate);
            for (int r = 0; r < 2; r++) {
                sum[r][0] += Math.log(c[r]);
                sum[r][1]++;
                if (k % 5 == 0) {
                    double mean = sum[r][0] / sum[r][1];
                    double d = k == 0 ? 0 : 10 * (mean - previousMean[r]) / 0.05;
                    previousMean[r] = mean;
                    sum[r][0] = 0;
                    sum[r][1] = 0;
                    ms[r] += a * (d * d - ms[r]);
                    x[r] = d / Math.sqrt(ms[r] + 1e-4);
                }
                assertEquals(3 * Math.tanh(Math.tanh(x[r])), turn[r], 1e-12, "row " + r + " call " + k);
            }
        }
        // Adapted, the two gradients look alike: without adaptation their inputs differ tenfold.
        assertEquals(x[0], x[1], 0.05);
        assertTrue(x[0] > 0.9, "a steady climb reads about +1, was " + x[0]);
    }

    @Test
    void aSensorTimeConstantLowPassesLnCEveryWorldStep() {
        // L_0 = ln C_0, L_k = L_{k-1} + (1 - exp(-dt/tau)) (ln C_k - L_{k-1}); the network reads L
        // (logc, input 0) and 10 (L_n - L_{n-1}) / 0.05 (dlogc, input 1) at world steps 0, 5, 10.
        // Two units, h_j = tanh(x_j); turn = 3 tanh(V h) with V picking one unit per run.
        double tau = 0.3;
        double dt = 0.01;
        double a = 1 - Math.exp(-dt / tau);
        for (int j = 0; j < 2; j++) {
            TinyElman m = new TinyElman(2, 2, 1);
            double[] theta = new double[m.parameterCount()];
            set(m, theta, "U", 0, 0, 1);
            set(m, theta, "U", 1, 1, 1);
            set(m, theta, "V", 0, j, 1);
            NetworkSpec spec = NetworkSpec.defaults().withInputs(List.of(NetworkSpec.Input.LOG_CONCENTRATION,
                    NetworkSpec.Input.LOG_DERIVATIVE)).withControlDt(0.05).withDerivativeScale(10).withSensorTau(tau);
            NetworkController ctl = controller(m, theta, spec);
            ctl.reset(1, dt);
            double[] turn = new double[1];
            double[] rate = new double[1];
            double[] z = new double[1];
            double filtered = 0;
            double atLastStep = 0;
            double x = 0;
            for (int k = 0; k < 12; k++) {
                double c = 0.3 + 0.02 * k + (k % 3 == 0 ? 0.05 : 0);
                filtered = k == 0 ? Math.log(c) : filtered + a * (Math.log(c) - filtered);
                ctl.step(k * dt, new double[] {c}, z, z, 1, turn, rate);
                if (k % 5 == 0) {
                    x = j == 0 ? filtered : (k == 0 ? 0 : 10 * (filtered - atLastStep) / 0.05);
                    atLastStep = filtered;
                }
                assertEquals(3 * Math.tanh(Math.tanh(x)), turn[0], 1e-12, "input " + j + " call " + k);
            }
        }
    }

    @Test
    void resetStartsFromTheInitialStateAgain() {
        TinyElman m = new TinyElman(3, 4, 2);
        double[] theta = new double[m.parameterCount()];
        m.initialize(theta, 9);
        NetworkController ctl = controller(m, theta, NetworkSpec.defaults().withPirouetteOutput(true));
        double[] first = run(ctl);
        assertArrayEquals(first, run(ctl));
    }

    private static double[] run(NetworkController ctl) {
        ctl.reset(2, 0.1);
        double[] log = new double[40];
        double[] turn = new double[2];
        double[] rate = new double[2];
        for (int k = 0; k < 10; k++) {
            double[] c = {0.1 * (k + 1), 0.2};
            double[] s = {Math.sin(k), Math.sin(2 * k)};
            double[] co = {Math.cos(k), Math.cos(2 * k)};
            ctl.step(k * 0.1, c, s, co, 2, turn, rate);
            log[4 * k] = turn[0];
            log[4 * k + 1] = turn[1];
            log[4 * k + 2] = rate[0];
            log[4 * k + 3] = rate[1];
        }
        return log;
    }

    @Test
    void mismatchesAreRefusedWithTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> controller(new TinyElman(2, 3, 1), new double[new TinyElman(2, 3, 1).parameterCount()],
                        NetworkSpec.defaults()));
        assertTrue(e.getMessage().contains("(model.inputs)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> controller(new TinyElman(3, 3, 1), new double[new TinyElman(3, 3, 1).parameterCount()],
                        NetworkSpec.defaults().withPirouetteOutput(true)));
        assertTrue(e.getMessage().contains("(model.outputs)"), e.getMessage());
        TinyElman m = new TinyElman(3, 2, 1);
        NetworkController ctl = controller(m, new double[m.parameterCount()],
                NetworkSpec.defaults().withControlDt(0.015));
        e = assertThrows(IllegalArgumentException.class, () -> ctl.reset(1, 0.01));
        assertEquals("control_dt must be a whole multiple of the world's dt 0.01, but was 0.015 (controller.control_dt)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NetworkSpec.parseInputs("logc,smell"));
        assertTrue(e.getMessage().contains("unknown network input 'smell'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(controller.inputs)"), e.getMessage());
        assertEquals(List.of(NetworkSpec.Input.LOG_CONCENTRATION, NetworkSpec.Input.COS_PHASE),
                NetworkSpec.parseInputs("logc, cos"));
    }
}
