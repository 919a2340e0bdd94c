package org.chemotaxis.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;

import org.chemotaxis.model.ClosedLoop;
import org.chemotaxis.model.CtrnnModel;
import org.chemotaxis.model.ElmanModel;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.task.SequenceRegression.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ClosedLoop.generate and SequenceRegression's free-running mode describe the same time line. */
class ClosedLoopTest {

    private static final int T = 15;
    private static final int W = 4;

    static Stream<RecurrentModel> models() {
        return Stream.of(new ElmanModel(2, 5, 2, 2), new CtrnnModel(2, 5, 2, 0.4));
    }

    /**
     * Targets set to the generated values make the free-running loss zero; inputs after the
     * washout are garbage that free running must not read.
     */
    @ParameterizedTest
    @MethodSource("models")
    void generatedValuesAreTheFreeRunningOutputs(RecurrentModel m) {
        TinySequences sines = TinySequences.sines(1, T, 2, 21L);
        double[] theta = Numerics.randomTheta(m, 22L);
        double[][] warmup = new double[W][2];
        for (int t = 0; t < W; t++) {
            for (int i = 0; i < 2; i++) {
                warmup[t][i] = sines.input(0, t, i);
            }
        }
        int n = T - W + 1;
        double[][] generated = ClosedLoop.generate(m, theta, warmup, n);
        assertEquals(n, generated.length);

        double[][][] x = new double[1][T][2];
        double[][][] y = new double[1][T][2];
        for (int t = 0; t < T; t++) {
            x[0][t] = t < W ? warmup[t].clone() : new double[] {1e3, -1e3};
            // result[m] is the output of step W-1+m.
            y[0][t] = t >= W - 1 ? generated[t - W + 1].clone() : new double[] {7, 7};
        }
        SequenceRegression obj = SequenceRegression.builder(new TinySequences(x, y), m)
                .mode(Mode.FREE_RUNNING).washout(W).build();
        Evaluator ev = obj.newEvaluator();
        ev.select(Sample.of(new int[] {0}));
        assertEquals(0.0, ev.loss(theta), 0.0);

        double[][] predicted = obj.predict(theta, 0);
        for (int k = 0; k < n; k++) {
            assertArrayEquals(generated[k], predicted[W - 1 + k], 0.0, "generated[" + k + "]");
        }
        // The check has teeth: teacher forcing on the garbage inputs gives other outputs.
        double[][] forced = SequenceRegression.builder(new TinySequences(x, y), m).washout(W).build().predict(theta, 0);
        assertFalse(Arrays.equals(forced[W + 1], predicted[W + 1]));
        assertTrue(Arrays.stream(generated).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite));
    }

    @Test
    void needsAsManyInputsAsOutputs() {
        ElmanModel m = new ElmanModel(2, 3, 1);
        double[] theta = new double[m.parameterCount()];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClosedLoop.generate(m, theta, new double[2][2], 3));
        assertTrue(e.getMessage().contains("inputSize 2 and outputSize 1"), e.getMessage());
        ElmanModel square = new ElmanModel(1, 3, 1);
        assertThrows(IllegalArgumentException.class,
                () -> ClosedLoop.generate(square, new double[square.parameterCount()], new double[0][1], 3));
        assertEquals(0, ClosedLoop.generate(square, new double[square.parameterCount()], new double[2][1], 0).length);
    }
}
