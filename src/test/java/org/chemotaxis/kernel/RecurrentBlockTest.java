package org.chemotaxis.kernel;

import org.chemotaxis.math.Tanh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RecurrentBlockTest {

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
        assertNotSame(Kernels.scalar(), Kernels.preferred());
        System.out.println("preferred kernel: " + Kernels.preferred().name());
    }

    /** The scalar block against the formula written out, one unit at a time. */
    @Test
    void scalarBlockIsTheFormula() {
        SplittableRandom rng = new SplittableRandom(3);
        int h = 6;
        int in = 2;
        int rows = 3;
        double[] wxT = random(rng, in * h, 1);
        double[] whT = random(rng, h * h, 1);
        double[] bias = random(rng, h, 1);
        double[] x = random(rng, rows * in, 1);
        double[] prev = random(rng, rows * h, 1);
        double[] ov = random(rng, h, 1);
        double[] next = new double[rows * h];
        ScalarBlock.INSTANCE.step(new RecurrentLayout(h, in, wxT, whT), new Substitution().replace(-1, 4, ov, 0).bias(bias, 0),
                rows, prev, 0, next, 0, x, 0);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < h; i++) {
                double a = bias[i];
                for (int c = 0; c < in; c++) {
                    a += wxT[c * h + i] * x[r * in + c];
                }
                for (int j = 0; j < h; j++) {
                    a += (j == 4 ? ov[i] : whT[j * h + i]) * prev[r * h + j];
                }
                assertEquals(Tanh.tanh(a), next[r * h + i], 0.0);
            }
        }
    }

    /** Every size, offset and override: the vector kernel gives the scalar kernel's bits. */
    @Test
    void vectorBlockGivesTheScalarBitsForEveryShape() {
        assumeTrue(vectorModulePresent(), "jdk.incubator.vector not added to this JVM");
        RecurrentBlock vector = Kernels.preferred();
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 600; trial++) {
            int h = 1 + rng.nextInt(trial < 300 ? 40 : 140);
            int in = 1 + rng.nextInt(3);
            int rows = 1 + rng.nextInt(11);
            int off = rng.nextInt(5);
            double[] wxT = random(rng, in * h, 1.5);
            double[] whT = random(rng, h * h, 3.0 / Math.sqrt(h));
            double[] bias = random(rng, off + h, 1);
            double[] x = random(rng, off + rows * in, 1);
            double[] prev = random(rng, off + rows * h, 1);
            double[] ov = random(rng, off + h, 2);
            int kind = rng.nextInt(4);
            int ovCol = kind == 1 ? rng.nextInt(in) : -1;
            int ovRow = kind == 2 ? rng.nextInt(h) : -1;
            double[] b = kind == 3 ? ov : bias;
            double[] expected = random(rng, off + rows * h + 3, 1);
            double[] got = expected.clone();
            RecurrentLayout layout = new RecurrentLayout(h, in, wxT, whT);
            Substitution copy = new Substitution().replace(ovCol, ovRow, ov, off).bias(b, off);
            ScalarBlock.INSTANCE.step(layout, copy, rows, prev, off, expected, off + 1, x, off);
            vector.step(layout, copy, rows, prev, off, got, off + 1, x, off);
            assertArrayEquals(expected, got, 0.0, "h=" + h + " in=" + in + " rows=" + rows + " kind=" + kind);
        }
    }

    @Test
    void vectorTanhGivesTheScalarBits() {
        assumeTrue(vectorModulePresent(), "jdk.incubator.vector not added to this JVM");
        SplittableRandom rng = new SplittableRandom(8);
        double[] a = new double[1003];
        for (int i = 0; i < a.length; i++) {
            a[i] = switch (i % 4) {
                case 0 -> 30 * (2 * rng.nextDouble() - 1);
                case 1 -> Math.pow(10, -30 + 31 * rng.nextDouble()) * (rng.nextBoolean() ? 1 : -1);
                case 2 -> new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 20.0, -19.5}[(i / 4) % 8];
                default -> 2 * rng.nextDouble() - 1;
            };
        }
        double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            expected[i] = Tanh.tanh(a[i]);
        }
        org.chemotaxis.math.VectorElementwise.tanhInPlace(a, 0, a.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(a[i]), "element " + i);
        }
    }
}
