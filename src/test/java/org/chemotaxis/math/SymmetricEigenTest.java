package org.chemotaxis.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The symmetric eigensolver against its definition: A V = V diag(d), V^T V = I, d ascending. */
class SymmetricEigenTest {

    /** [[2, 1], [1, 2]]: eigenvalues 1 and 3, eigenvectors (1, -1) / sqrt 2 and (1, 1) / sqrt 2 up to sign. */
    @Test
    void twoByTwoByHand() {
        SymmetricEigen e = SymmetricEigen.of(new double[] {2, 1, 1, 2}, 2);
        assertArrayEquals(new double[] {1, 3}, e.values(), 1e-15);
        double[] v = e.vectors();
        double h = Math.sqrt(0.5);
        assertEquals(h, Math.abs(v[0]), 1e-15);
        assertEquals(-v[0], v[2], 1e-15, "vector 0 is (1, -1) / sqrt 2 up to sign");
        assertEquals(v[1], v[3], 1e-15, "vector 1 is (1, 1) / sqrt 2 up to sign");
        assertArrayEquals(new double[] {5}, SymmetricEigen.of(new double[] {5}, 1).values(), 0.0);
        assertArrayEquals(new double[] {-1, 2, 7}, SymmetricEigen.of(new double[] {7, 0, 0, 0, -1, 0, 0, 0, 2}, 3).values(),
                0.0, "a diagonal matrix, sorted");
    }

    @Test
    void randomSymmetricMatricesSatisfyTheDefinition() {
        SplittableRandom r = new SplittableRandom(3);
        for (int n : new int[] {2, 3, 7, 20, 60}) {
            double[] a = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double x = r.nextGaussian();
                    a[i * n + j] = x;
                    a[j * n + i] = x;
                }
            }
            SymmetricEigen e = SymmetricEigen.of(a, n);
            double[] d = e.values();
            double[] v = e.vectors();
            for (int k = 1; k < n; k++) {
                assertTrue(d[k - 1] <= d[k], "ascending");
            }
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    double av = 0;
                    double vtv = 0;
                    for (int j = 0; j < n; j++) {
                        av += a[i * n + j] * v[j * n + k];
                        vtv += v[j * n + i] * v[j * n + k];
                    }
                    assertEquals(d[k] * v[i * n + k], av, 1e-12 * n, "A v_k = d_k v_k, n = " + n);
                    assertEquals(i == k ? 1.0 : 0.0, vtv, 1e-12 * n, "orthonormal, n = " + n);
                }
            }
        }
    }

    @Test
    void sameInputSameBits() {
        double[] a = {4, 1, 0.5, 1, 3, 0.25, 0.5, 0.25, 2};
        assertArrayEquals(SymmetricEigen.of(a, 3).vectors(), SymmetricEigen.of(a.clone(), 3).vectors(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[] {1, 2, 3}, 2));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[] {1, 0, Double.NaN, 1}, 2));
    }
}
