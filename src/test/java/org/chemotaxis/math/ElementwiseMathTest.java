package org.chemotaxis.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The array functions give the scalar functions' bits, element by element, in every implementation. */
class ElementwiseMathTest {

    private static final double[] SPECIAL = {0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1e-9,
        Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, -707.5, 709.9, 1e5, 2e5,
        Math.PI / 2, -Math.PI, 2 * Math.PI, 1e300};

    private static double[] arguments(SplittableRandom rng, int n, double lo, double hi, boolean special) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = special && rng.nextInt(9) == 0 ? SPECIAL[rng.nextInt(SPECIAL.length)] : lo + (hi - lo) * rng.nextDouble();
        }
        return a;
    }

    private static ElementwiseMath vector() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "no vector module");
        return new VectorElementwise();
    }

    @Test
    void thePreferredImplementationIsTheVectorOneWhenTheModuleIsPresent() {
        vector();
        assertNotSame(ScalarElementwise.INSTANCE, Elementwise.preferred());
    }

    private interface InPlace {
        void apply(ElementwiseMath m, double[] a, int n);
    }

    private static void sameBits(InPlace f, double lo, double hi, boolean special) {
        ElementwiseMath vec = vector();
        SplittableRandom rng = new SplittableRandom(11);
        for (int n = 0; n < 70; n++) {
            for (int rep = 0; rep < 5; rep++) {
                double[] a = arguments(rng, n + 3, lo, hi, special);
                double[] b = a.clone();
                double[] c = a.clone();
                f.apply(ScalarElementwise.INSTANCE, a, n);
                f.apply(vec, b, n);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]),
                            "element " + i + " of " + n + ", argument " + c[i]);
                }
            }
        }
    }

    @Test
    void expIsTheScalarExp() {
        sameBits(ElementwiseMath::exp, -30, 5, true);
        sameBits(ElementwiseMath::exp, -750, 750, false);
    }

    @Test
    void logIsTheScalarLog() {
        sameBits(ElementwiseMath::log, 1e-9, 1, true);
        sameBits(ElementwiseMath::log, 0, 1e6, false);
    }

    @Test
    void tanhIsTheScalarTanh() {
        sameBits(ElementwiseMath::tanh, -5, 5, true);
    }

    @Test
    void sinAndCosAreTheScalarOnes() {
        sameBits((m, a, n) -> {
            double[] s = new double[a.length];
            m.sinCos(a, s, new double[a.length], n);
            System.arraycopy(s, 0, a, 0, n);
        }, -10, 10, true);
        sameBits((m, a, n) -> {
            double[] c = new double[a.length];
            m.sinCos(a, new double[a.length], c, n);
            System.arraycopy(c, 0, a, 0, n);
        }, -1e4, 1e4, true);
    }

    @Test
    void scalarImplementationIsTheScalarFunctions() {
        double[] a = {0.3, -2.0, 7.5};
        double[] s = new double[3];
        double[] c = new double[3];
        ScalarElementwise.INSTANCE.sinCos(a, s, c, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(DeterministicMath.sin(a[i]), s[i], 0.0);
            assertEquals(DeterministicMath.cos(a[i]), c[i], 0.0);
        }
        double[] e = a.clone();
        ScalarElementwise.INSTANCE.exp(e, 2);
        assertEquals(DeterministicMath.exp(0.3), e[0], 0.0);
        assertEquals(7.5, e[2], 0.0, "beyond n untouched");
    }
}
