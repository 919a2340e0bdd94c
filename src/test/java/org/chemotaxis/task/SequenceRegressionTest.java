package org.chemotaxis.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.chemotaxis.model.CtrnnModel;
import org.chemotaxis.model.ElmanModel;
import org.chemotaxis.model.NoiseSource;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.task.SequenceRegression.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SequenceRegressionTest {

    private static final int T = 10;
    private static final int W = 3;

    private static SequenceRegression objective(TinySequences data, RecurrentModel model, Mode mode) {
        return SequenceRegression.builder(data, model).mode(mode).washout(W).build();
    }

    private static double[][][] copy(double[][][] a) {
        double[][][] c = new double[a.length][][];
        for (int s = 0; s < a.length; s++) {
            c[s] = new double[a[s].length][];
            for (int t = 0; t < a[s].length; t++) {
                c[s][t] = a[s][t].clone();
            }
        }
        return c;
    }

    private static double[][][] inputs(TinySequences d) {
        double[][][] x = new double[d.size()][d.length()][d.inputSize()];
        for (int s = 0; s < d.size(); s++) {
            for (int t = 0; t < d.length(); t++) {
                for (int i = 0; i < d.inputSize(); i++) {
                    x[s][t][i] = d.input(s, t, i);
                }
            }
        }
        return x;
    }

    private static double[][][] targets(TinySequences d) {
        double[][][] y = new double[d.size()][d.length()][d.targetSize()];
        for (int s = 0; s < d.size(); s++) {
            for (int t = 0; t < d.length(); t++) {
                for (int i = 0; i < d.targetSize(); i++) {
                    y[s][t][i] = d.target(s, t, i);
                }
            }
        }
        return y;
    }

    /** The loss formula evaluated one sequence at a time, with its own feedback loop. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void lossIsTheMeanSquaredErrorOverRowsCountedStepsAndOutputs(Mode mode) {
        TinySequences data = TinySequences.sines(4, T, 2, 1L);
        ElmanModel m = new ElmanModel(2, 5, 2);
        double[] theta = Numerics.randomTheta(m, 2L);
        int[] batch = {3, 1};
        Evaluator ev = objective(data, m, mode).newEvaluator();
        ev.select(Sample.of(batch));

        double sum = 0;
        for (int seq : batch) {
            double[] state = new double[m.stateSize()];
            double[] next = new double[m.stateSize()];
            double[] x = new double[2];
            double[] y = new double[2];
            for (int t = 0; t < T; t++) {
                for (int i = 0; i < 2; i++) {
                    x[i] = mode == Mode.FREE_RUNNING && t >= W ? y[i] : data.input(seq, t, i);
                }
                m.step(theta, state, next, x, y, 1, null, null, 0);
                double[] swap = state;
                state = next;
                next = swap;
                for (int o = 0; t >= W && o < 2; o++) {
                    double e = y[o] - data.target(seq, t, o);
                    sum += e * e;
                }
            }
        }
        double expected = sum / (batch.length * (T - W) * 2);
        assertEquals(expected, ev.loss(theta), 1e-15 * expected);
    }

    @Test
    void washoutStepsDoNotCount() {
        TinySequences data = TinySequences.sines(2, T, 1, 3L);
        CtrnnModel m = new CtrnnModel(1, 4, 1, 0.5);
        double[] theta = Numerics.randomTheta(m, 4L);
        double[][][] y = targets(data);
        double[][][] early = copy(y);
        early[0][W - 1][0] += 5.0;
        double[][][] counted = copy(y);
        counted[0][W][0] += 5.0;
        Sample both = Sample.of(new int[] {0, 1});
        double base = loss(new TinySequences(inputs(data), y), m, Mode.TEACHER_FORCED, both, theta);
        assertEquals(base, loss(new TinySequences(inputs(data), early), m, Mode.TEACHER_FORCED, both, theta), 0.0);
        assertNotEquals(base, loss(new TinySequences(inputs(data), counted), m, Mode.TEACHER_FORCED, both, theta));
    }

    @Test
    void freeRunningReadsDatasetInputsOnlyDuringTheWashout() {
        TinySequences data = TinySequences.sines(2, T, 1, 5L);
        ElmanModel m = new ElmanModel(1, 4, 1);
        double[] theta = Numerics.randomTheta(m, 6L);
        double[][][] late = copy(inputs(data));
        late[1][W][0] += 1.0;
        double[][][] early = copy(inputs(data));
        early[1][W - 1][0] += 1.0;
        TinySequences lateData = new TinySequences(late, targets(data));
        TinySequences earlyData = new TinySequences(early, targets(data));
        Sample s = Sample.of(new int[] {1});
        double base = loss(data, m, Mode.FREE_RUNNING, s, theta);
        assertEquals(base, loss(lateData, m, Mode.FREE_RUNNING, s, theta), 0.0);
        assertNotEquals(base, loss(earlyData, m, Mode.FREE_RUNNING, s, theta));
        assertNotEquals(loss(data, m, Mode.TEACHER_FORCED, s, theta), loss(lateData, m, Mode.TEACHER_FORCED, s, theta));
    }

    private static double loss(TinySequences d, RecurrentModel m, Mode mode, Sample s, double[] theta) {
        Evaluator ev = objective(d, m, mode).newEvaluator();
        ev.select(s);
        return ev.loss(theta);
    }

    @Test
    void reselectingReusesBuffersAndGivesTheSameNumbers() {
        TinySequences data = TinySequences.sines(4, T, 1, 7L);
        ElmanModel m = new ElmanModel(1, 6, 2, 1);
        double[] theta = Numerics.randomTheta(m, 8L);
        SequenceRegression obj = objective(data, m, Mode.FREE_RUNNING);
        Evaluator ev = obj.newEvaluator();
        Sample big = Sample.of(new int[] {0, 1, 2});
        double[] g3 = new double[theta.length];
        ev.select(big);
        double l3 = ev.lossAndGradient(theta, g3);
        double[] single = new double[3];
        for (int r = 0; r < 3; r++) {
            ev.select(Sample.of(new int[] {r}));
            single[r] = ev.loss(theta);
            Evaluator fresh = obj.newEvaluator();
            fresh.select(Sample.of(new int[] {r}));
            assertEquals(fresh.loss(theta), single[r], 0.0);
            assertEquals(m.noiseSize(), ev.noiseWidth());
        }
        assertEquals((single[0] + single[1] + single[2]) / 3, l3, 1e-15 * l3, "equal rows weigh equally");
        ev.select(big);
        double[] again = new double[theta.length];
        assertEquals(l3, ev.lossAndGradient(theta, again), 0.0);
        assertEquals(Arrays.toString(g3), Arrays.toString(again));
        assertEquals(3 * m.noiseSize(), ev.noiseWidth());
    }

    @Test
    void steadyStateCallsDoNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());

        TinySequences data = TinySequences.sines(4, T, 1, 9L);
        ElmanModel m = new ElmanModel(1, 4, 2, 1);
        double[] theta = Numerics.randomTheta(m, 10L);
        Evaluator ev = objective(data, m, Mode.FREE_RUNNING).newEvaluator();
        Sample big = Sample.of(new int[] {0, 1, 2});
        Sample small = Sample.of(new int[] {3, 2});
        double[] grad = new double[theta.length];
        NoiseSource noise = (t, out) -> Arrays.fill(out, 1e-3 * t);
        Sample[] both = {big, small};
        Runnable round = () -> {
            for (Sample s : both) {
                ev.select(s);
                ev.loss(theta);
                ev.loss(theta, noise);
                ev.lossAndGradient(theta, grad);
                ev.localGradient(theta, noise, grad);
            }
        };
        for (int i = 0; i < 50; i++) {
            round.run();
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 200; i++) {
            round.run();
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        System.out.println("steady-state allocation over 1600 evaluator calls: " + allocated + " bytes");
        // One 16-byte object per call would already be 25 600 bytes; the slack is for the JIT
        // (deoptimisation re-materialises scalar-replaced objects).
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes in steady state");
    }

    @Test
    void validationNamesTheOffendingKey() {
        TinySequences data = TinySequences.sines(2, 50, 1, 1L);
        ElmanModel m = new ElmanModel(1, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceRegression.builder(data, m).washout(60).build());
        assertEquals("washout must be >= 0 and < sequence length 50, but was 60 (objective.washout)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SequenceRegression.builder(data, m).mode(Mode.FREE_RUNNING).washout(0).build());
        assertTrue(e.getMessage().contains("(objective.washout)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SequenceRegression.builder(data, new ElmanModel(2, 3, 1)).build());
        assertTrue(e.getMessage().endsWith("but was 2 (model.inputSize)"), e.getMessage());
        TinySequences twoIn = new TinySequences(new double[2][50][2], new double[2][50][1]);
        e = assertThrows(IllegalArgumentException.class,
                () -> SequenceRegression.builder(twoIn, new ElmanModel(2, 3, 1)).mode(Mode.FREE_RUNNING).build());
        assertTrue(e.getMessage().contains("inputSize 2 and outputSize 1 (objective.mode)"), e.getMessage());
        assertEquals(SequenceRegression.DEFAULT_WASHOUT, SequenceRegression.builder(data, m).build().washout());

        Evaluator ev = SequenceRegression.builder(data, m).build().newEvaluator();
        assertThrows(IllegalStateException.class, () -> ev.loss(new double[m.parameterCount()]));
        assertThrows(IndexOutOfBoundsException.class, () -> ev.select(Sample.of(new int[] {0, 2})));
        assertThrows(IllegalArgumentException.class, () -> ev.select(Sample.of(new int[0])));
    }

    @Test
    void modeParsesTheConfigSpelling() {
        assertEquals(Mode.FREE_RUNNING, Mode.parse("free_running"));
        assertEquals(Mode.TEACHER_FORCED, Mode.parse("Teacher-Forced"));
        assertEquals("teacher_forced", Mode.TEACHER_FORCED.configName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mode.parse("closed"));
        assertTrue(e.getMessage().endsWith("but was 'closed' (objective.mode)"), e.getMessage());
    }
}
