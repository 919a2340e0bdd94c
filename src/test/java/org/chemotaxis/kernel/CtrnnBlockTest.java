package org.chemotaxis.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;

import org.chemotaxis.model.CtrnnModel;
import org.chemotaxis.model.ParameterLayout;
import org.junit.jupiter.api.Test;

class CtrnnBlockTest {

    private static double[] random(SplittableRandom rng, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = scale * (2 * rng.nextDouble() - 1);
        }
        return a;
    }

    private static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    @Test
    void testsRunTheVectorKernelWhenTheModuleIsPresent() {
        assumeTrue(vectorModulePresent(), "jdk.incubator.vector not added to this JVM");
        assertNotSame(Kernels.scalarCtrnn(), Kernels.preferredCtrnn());
        System.out.println("preferred CTRNN kernel: " + Kernels.preferredCtrnn().name());
    }

    /** Without overrides the scalar block is one step of the model, with the model's own arithmetic. */
    @Test
    void scalarBlockIsTheModelsStep() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 6;
        int in = 2;
        int rows = 3;
        double dt = 0.3;
        CtrnnModel model = new CtrnnModel(in, n, 1, dt);
        ParameterLayout lay = model.layout();
        double[] theta = random(rng, model.parameterCount(), 2);
        double[] y = random(rng, rows * n, 2);
        double[] x = random(rng, rows * in, 1);
        double[] yModel = new double[rows * n];
        model.step(theta, y, yModel, x, new double[rows], rows, null, null, 0);

        double[] vT = new double[in * n];
        double[] w = new double[n * n];
        double[] gain = new double[n];
        double[] bias = new double[n];
        double[] s = new double[rows * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < in; c++) {
                vT[c * n + i] = theta[lay.slice("v").index(i, c)];
            }
            for (int j = 0; j < n; j++) {
                w[j * n + i] = theta[lay.slice("w").index(j, i)];
            }
            gain[i] = dt * StrictMath.exp(-theta[lay.slice("log_tau").index(i, 0)]);
            bias[i] = theta[lay.slice("theta").index(i, 0)];
        }
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                s[r * n + i] = Logistic.sigma(y[r * n + i] + bias[i]);
            }
        }
        double[] yNext = new double[rows * n];
        double[] sNext = new double[rows * n];
        CtrnnScalarBlock.INSTANCE.step(new CtrnnLayout(n, in, vT, w), new Substitution().gain(gain, 0).bias(bias, 0),
                rows, y, s, 0, yNext, sNext, 0, x, 0);
        assertArrayEquals(yModel, yNext, 0.0);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                assertEquals(Logistic.sigma(yModel[r * n + i] + bias[i]), sNext[r * n + i], 0.0);
            }
        }
    }

    /** The overrides against the formula written out, one neuron at a time. */
    @Test
    void scalarBlockReplacesTheNamedVector() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 5;
        int in = 3;
        int rows = 2;
        double[] vT = random(rng, in * n, 1);
        double[] w = random(rng, n * n, 1);
        double[] gain = random(rng, n, 0.5);
        double[] bias = random(rng, n, 1);
        double[] x = random(rng, rows * in, 1);
        double[] y = random(rng, rows * n, 1);
        double[] s = random(rng, rows * n, 1);
        double[] ov = random(rng, n, 2);
        for (int kind = 0; kind < 4; kind++) {
            int ovCol = kind == 0 ? 2 : -1;
            int ovRow = kind == 1 ? 3 : -1;
            double[] g = kind == 2 ? ov : gain;
            double[] b = kind == 3 ? ov : bias;
            double[] yNext = new double[rows * n];
            double[] sNext = new double[rows * n];
            CtrnnScalarBlock.INSTANCE.step(new CtrnnLayout(n, in, vT, w),
                    new Substitution().replace(ovCol, ovRow, ov, 0).gain(g, 0).bias(b, 0),
                    rows, y, s, 0, yNext, sNext, 0, x, 0);
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < n; i++) {
                    double f = -y[r * n + i];
                    for (int c = 0; c < in; c++) {
                        f += (c == ovCol ? ov[i] : vT[c * n + i]) * x[r * in + c];
                    }
                    for (int j = 0; j < n; j++) {
                        f += (j == ovRow ? ov[i] : w[j * n + i]) * s[r * n + j];
                    }
                    double expect = y[r * n + i] + g[i] * f;
                    assertEquals(expect, yNext[r * n + i], 0.0, "kind " + kind);
                    assertEquals(Logistic.sigma(expect + b[i]), sNext[r * n + i], 0.0, "kind " + kind);
                }
            }
        }
    }

    /** Every size, offset and override: the vector kernel gives the scalar kernel's bits. */
    @Test
    void vectorBlockGivesTheScalarBitsForEveryShape() {
        assumeTrue(vectorModulePresent(), "jdk.incubator.vector not added to this JVM");
        CtrnnBlock vector = Kernels.preferredCtrnn();
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 600; trial++) {
            int n = 1 + rng.nextInt(trial < 300 ? 40 : 140);
            int in = 1 + rng.nextInt(3);
            int rows = 1 + rng.nextInt(11);
            int off = rng.nextInt(5);
            double[] vT = random(rng, in * n, 1.5);
            double[] w = random(rng, n * n, 6.0 / Math.sqrt(n));
            double[] gain = random(rng, off + n, 0.6);
            double[] bias = random(rng, off + n, 2);
            double[] x = random(rng, off + rows * in, 1);
            double[] yPrev = random(rng, off + rows * n, 4);
            double[] sPrev = random(rng, off + rows * n, 1);
            double[] ov = random(rng, off + n, 2);
            int kind = rng.nextInt(5);
            int ovCol = kind == 1 ? rng.nextInt(in) : -1;
            int ovRow = kind == 2 ? rng.nextInt(n) : -1;
            double[] g = kind == 3 ? ov : gain;
            double[] b = kind == 4 ? ov : bias;
            double[] yExpected = random(rng, off + rows * n + 3, 1);
            double[] sExpected = random(rng, off + rows * n + 3, 1);
            double[] yGot = yExpected.clone();
            double[] sGot = sExpected.clone();
            CtrnnLayout layout = new CtrnnLayout(n, in, vT, w);
            Substitution copy = new Substitution().replace(ovCol, ovRow, ov, off).gain(g, off).bias(b, off);
            CtrnnScalarBlock.INSTANCE.step(layout, copy, rows, yPrev, sPrev, off, yExpected, sExpected, off + 1, x, off);
            vector.step(layout, copy, rows, yPrev, sPrev, off, yGot, sGot, off + 1, x, off);
            String shape = "n=" + n + " in=" + in + " rows=" + rows + " kind=" + kind;
            assertArrayEquals(yExpected, yGot, 0.0, shape);
            assertArrayEquals(sExpected, sGot, 0.0, shape);
        }
    }

    @Test
    void vectorSigmaGivesTheScalarBits() {
        assumeTrue(vectorModulePresent(), "jdk.incubator.vector not added to this JVM");
        SplittableRandom rng = new SplittableRandom(8);
        double[] a = new double[1003];
        for (int i = 0; i < a.length; i++) {
            a[i] = switch (i % 4) {
                case 0 -> 60 * (2 * rng.nextDouble() - 1);
                case 1 -> Math.pow(10, -30 + 33 * rng.nextDouble()) * (rng.nextBoolean() ? 1 : -1);
                case 2 -> new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MIN_VALUE, -Double.MAX_VALUE, 708.3964185322641, -708.3964185322642, -709.0,
                        -745.5}[(i / 4) % 11];
                default -> 2 * rng.nextDouble() - 1;
            };
        }
        double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            expected[i] = Logistic.sigma(a[i]);
        }
        CtrnnVectorBlock.sigmaInPlace(a, 0, a.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(a[i]), "element " + i);
        }
    }
}
