package org.chemotaxis.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.chemotaxis.api.Network;
import org.chemotaxis.model.ElmanModel;
import org.chemotaxis.model.ParameterLayout;
import org.chemotaxis.worm.NetworkController;
import org.chemotaxis.worm.NetworkSpec;
import org.chemotaxis.worm.TinyElman;
import org.junit.jupiter.api.Test;

/** The network the project hands to a problem: copies, node noise, and the fast path's bits. */
class ModelNetworkTest {

    private static double[] theta(ElmanModel m, long seed) {
        double[] theta = new double[m.parameterCount()];
        m.initialize(theta, seed);
        for (int i = 0; i < theta.length; i++) {
            theta[i] *= 2;
        }
        return theta;
    }

    /** Steps of rows x outputs from a seeded input stream, written one after another. */
    private static double[] run(Network net, int rows, int steps) {
        double[] in = new double[rows * net.inputSize()];
        double[] out = new double[rows * net.outputSize()];
        double[] all = new double[steps * out.length];
        net.reset(rows);
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < in.length; i++) {
                in[i] = r.nextDouble(-2, 2);
            }
            net.step(in, out);
            System.arraycopy(out, 0, all, t * out.length, out.length);
        }
        return all;
    }

    @Test
    void copiesOfAnElmanNetworkGiveTheBitsOfTheModelsOwnStep() {
        // Three copies run together on the fast path; each against ElmanModel.step alone (with a
        // noise source of zeros, which forces the model's own step).
        ElmanModel m = new ElmanModel(3, 9, 2);
        int p = m.parameterCount();
        int copies = 3;
        int rows = 5;
        double[] thetas = new double[copies * p];
        for (int c = 0; c < copies; c++) {
            System.arraycopy(theta(m, 40 + c), 0, thetas, c * p, p);
        }
        ModelNetwork together = new ModelNetwork(m).copies(thetas, copies);
        assertEquals(copies, together.copies());
        double[] all = run(together, copies * rows, 12);
        int o = m.outputSize();
        for (int c = 0; c < copies; c++) {
            double[] theta = java.util.Arrays.copyOfRange(thetas, c * p, (c + 1) * p);
            ModelNetwork alone = new ModelNetwork(m).parameters(theta).noise((t, out) -> java.util.Arrays.fill(out, 0));
            // The same inputs: rebuild copy c's block of each step's input stream.
            double[] in = new double[copies * rows * m.inputSize()];
            double[] mine = new double[rows * m.inputSize()];
            double[] out = new double[rows * o];
            alone.reset(rows);
            java.util.SplittableRandom r = new java.util.SplittableRandom(3);
            for (int t = 0; t < 12; t++) {
                for (int i = 0; i < in.length; i++) {
                    in[i] = r.nextDouble(-2, 2);
                }
                System.arraycopy(in, c * rows * m.inputSize(), mine, 0, mine.length);
                alone.step(mine, out);
                for (int i = 0; i < rows * o; i++) {
                    assertEquals(out[i], all[t * copies * rows * o + c * rows * o + i], 0.0,
                            "copy " + c + " step " + t + " value " + i);
                }
            }
        }
        // A view of one copy is that copy alone.
        assertEquals(1, together.copy(1).copies());
        assertThrows(IllegalArgumentException.class, () -> together.reset(7), "rows not a multiple of the copies");
    }

    @Test
    void copiesOfAnotherModelRunOneAfterAnotherWithTheSameValues() {
        TinyElman m = new TinyElman(2, 3, 1);
        int p = m.parameterCount();
        double[] thetas = new double[2 * p];
        for (int i = 0; i < thetas.length; i++) {
            thetas[i] = Math.sin(i + 1);
        }
        double[] together = run(new ModelNetwork(m).copies(thetas, 2), 4, 6);
        double[] first = run(new ModelNetwork(m).parameters(java.util.Arrays.copyOfRange(thetas, 0, p)), 2, 1);
        // Step 0, copy 0's two rows, depend on copy 0's parameters only.
        assertEquals(first[0], together[0], 0.0);
        assertEquals(first[1], together[1], 0.0);
    }

    @Test
    void nodeNoiseIsAskedForEveryNetworkStepInOrderAndAddedAtTheSites() {
        TinyElman m = new TinyElman(1, 2, 1);
        double[] theta = new double[m.parameterCount()];
        ParameterLayout.Slice c = m.layout().slice("c");
        theta[c.index(0, 0)] = 0.1;
        List<Integer> asked = new ArrayList<>();
        int rows = 3;
        ModelNetwork net = new ModelNetwork(m).parameters(theta).noise((t, out) -> {
            assertEquals(rows * m.noiseSize(), out.length);
            asked.add(t);
            for (int r = 0; r < rows; r++) {
                out[r * m.noiseSize() + 2] = 0.01 * (t + 1) * (r + 1);
            }
        });
        NetworkController ctl = new NetworkController(net, NetworkSpec.defaults()
                .withInputs(List.of(NetworkSpec.Input.LOG_CONCENTRATION)).withControlDt(0.02));
        ctl.reset(rows, 0.01);
        double[] conc = {0.5, 0.5, 0.5};
        double[] z = new double[rows];
        double[] turn = new double[rows];
        double[] rate = new double[rows];
        for (int k = 0; k < 7; k++) {
            ctl.step(k * 0.01, conc, z, z, rows, turn, rate);
            int t = k / 2;
            for (int r = 0; r < rows; r++) {
                assertEquals(3 * Math.tanh(0.1 + 0.01 * (t + 1) * (r + 1)), turn[r], 1e-12);
            }
        }
        assertEquals(List.of(0, 1, 2, 3), asked);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ModelNetwork(m).copies(new double[2 * m.parameterCount()], 2).noise((t, out) -> { }).reset(2));
        assertTrue(e.getMessage().contains("one copy"), e.getMessage());
    }
}
