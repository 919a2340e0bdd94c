package org.chemotaxis.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptimizerStateTest {

    private static final int N = 7;
    private static final OptimizerSettings SETTINGS = OptimizerSettings.defaults().withWeightDecay(0.01);

    /** A deterministic, uneven gradient for step k. */
    private static double[] gradient(int k) {
        double[] g = new double[N];
        for (int i = 0; i < N; i++) {
            g[i] = Math.sin(1.3 * i + 0.7 * k) * (1 + i) - 0.1 * k;
        }
        return g;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "momentum", "nesterov", "rmsprop", "adam", "clipup"})
    void restoredOptimizerContinuesBitIdentically(String type) {
        Optimizer original = Optimizers.create(type, N, SETTINGS);
        double[] theta = new double[N];
        for (int i = 0; i < N; i++) {
            theta[i] = 0.5 - 0.2 * i;
        }
        for (int k = 0; k < 4; k++) {
            original.step(theta, gradient(k), 0.01);
        }
        OptimizerState saved = original.exportState();
        Optimizer restored = Optimizers.create(type, N, SETTINGS);
        restored.restoreState(saved);
        assertEquals(4, restored.steps());
        double[] thetaCopy = theta.clone();

        for (int k = 4; k < 10; k++) {
            double lr = 0.01 / (1 + k);
            original.step(theta, gradient(k), lr);
            restored.step(thetaCopy, gradient(k), lr);
        }
        assertArrayEquals(theta, thetaCopy, 0.0);
        assertEquals(original.steps(), restored.steps());
        OptimizerState a = original.exportState();
        OptimizerState b = restored.exportState();
        assertEquals(a.buffers().keySet(), b.buffers().keySet());
        for (String name : a.buffers().keySet()) {
            assertArrayEquals(a.buffer(name), b.buffer(name), 0.0, name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"momentum", "nesterov", "rmsprop", "adam"})
    void exportedStateIsACopyNotAView(String type) {
        Optimizer opt = Optimizers.create(type, N, SETTINGS);
        double[] theta = new double[N];
        opt.step(theta, gradient(0), 0.01);
        OptimizerState saved = opt.exportState();
        String name = saved.buffers().keySet().iterator().next();
        double[] before = saved.buffer(name);
        opt.step(theta, gradient(1), 0.01);
        assertArrayEquals(before, saved.buffer(name), 0.0);
        assertEquals(1, saved.steps());
    }

    @ParameterizedTest
    @ValueSource(strings = {"momentum", "nesterov", "rmsprop", "adam"})
    void restoredOptimizerDoesNotWriteIntoTheStateObject(String type) {
        Optimizer source = Optimizers.create(type, N, SETTINGS);
        source.step(new double[N], gradient(0), 0.01);
        OptimizerState saved = source.exportState();
        String name = saved.buffers().keySet().iterator().next();
        double[] snapshot = saved.buffer(name);
        Optimizer restored = Optimizers.create(type, N, SETTINGS);
        restored.restoreState(saved);
        restored.step(new double[N], gradient(1), 0.01);
        assertArrayEquals(snapshot, saved.buffers().get(name), 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "momentum", "nesterov", "rmsprop", "adam", "clipup"})
    void stateOfAnotherTypeIsRejected(String type) {
        String other = type.equals("adam") ? "momentum" : "adam";
        Optimizer source = Optimizers.create(other, N, SETTINGS);
        Optimizer target = Optimizers.create(type, N, SETTINGS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> target.restoreState(source.exportState()));
        assertEquals("cannot restore a '" + other + "' optimizer state into a '" + type + "' optimizer",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"momentum", "nesterov", "rmsprop", "adam"})
    void stateOfAnotherLengthIsRejectedAndNothingChanges(String type) {
        Optimizer source = Optimizers.create(type, N + 1, SETTINGS);
        source.step(new double[N + 1], new double[N + 1], 0.1);
        Optimizer target = Optimizers.create(type, N, SETTINGS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> target.restoreState(source.exportState()));
        assertTrue(e.getMessage().contains("has length " + (N + 1)), e.getMessage());
        assertTrue(e.getMessage().contains("has " + N + " parameters"), e.getMessage());
        assertEquals(0, target.steps());
    }

    @org.junit.jupiter.api.Test
    void stateWithMissingOrExtraBuffersIsRejected() {
        Optimizer adam = Optimizers.create("adam", N, SETTINGS);
        Map<String, double[]> onlyM = new LinkedHashMap<>();
        onlyM.put("exp_avg", new double[N]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adam.restoreState(new OptimizerState("adam", 3, onlyM)));
        assertEquals("a state of type adam must have buffers [exp_avg, exp_avg_sq], but had [exp_avg]",
                e.getMessage());
        Optimizer sgd = Optimizers.create("sgd", N, SETTINGS);
        assertThrows(IllegalArgumentException.class, () -> sgd.restoreState(new OptimizerState("sgd", 3, onlyM)));
        assertThrows(IllegalArgumentException.class, () -> sgd.restoreState(new OptimizerState("sgd", -1, Map.of())));
        sgd.restoreState(new OptimizerState("sgd", 3, Map.of()));
        assertEquals(3, sgd.steps());
    }
}
