package org.chemotaxis.math;

/**
 * Eigendecomposition of a real symmetric matrix, A = V diag(d) V^T with V orthogonal and d in
 * ascending order: Householder reduction to tridiagonal form and the implicit QL algorithm (the
 * EISPACK routines tred2 and tql2, Bowdler, Martin, Reinsch and Wilkinson 1968, in the form of the
 * public-domain JAMA library). Plain double arithmetic and square roots only, so every JVM computes
 * the same bits. O(n^3); for the few hundred parameters CMA-ES handles here.
 */
public final class SymmetricEigen {

    private final int n;
    private final double[] d;
    private final double[][] v;

    private SymmetricEigen(int n) {
        this.n = n;
        this.d = new double[n];
        this.v = new double[n][n];
    }

    /**
     * Decomposes the symmetric n x n matrix {@code a} (row-major, length n^2; only its lower
     * triangle is read, so an almost symmetric matrix is taken as symmetric).
     *
     * @throws IllegalArgumentException when a is not n x n or not finite
     * @throws ArithmeticException      when the QL iteration does not converge
     */
    public static SymmetricEigen of(double[] a, int n) {
        if (n < 1 || a.length != n * n) {
            throw new IllegalArgumentException("expected an " + n + " x " + n + " matrix, got " + a.length + " entries");
        }
        SymmetricEigen eig = new SymmetricEigen(n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double x = a[i * n + j];
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("matrix entry (" + i + ", " + j + ") is " + x);
                }
                eig.v[i][j] = x;
                eig.v[j][i] = x;
            }
        }
        double[] e = new double[n];
        eig.tred2(e);
        eig.tql2(e);
        return eig;
    }

    /** The eigenvalues, ascending (a copy). */
    public double[] values() {
        return d.clone();
    }

    /** The eigenvectors as the columns of an n x n row-major matrix: entry (i, k) is component i of vector k. */
    public double[] vectors() {
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(v[i], 0, out, i * n, n);
        }
        return out;
    }

    /** Householder reduction to tridiagonal form: d the diagonal, e the subdiagonal, v the transformation. */
    private void tred2(double[] e) {
        for (int j = 0; j < n; j++) {
            d[j] = v[n - 1][j];
        }
        for (int i = n - 1; i > 0; i--) {
            double scale = 0.0;
            double h = 0.0;
            for (int k = 0; k < i; k++) {
                scale += Math.abs(d[k]);
            }
            if (scale == 0.0) {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++) {
                    d[j] = v[i - 1][j];
                    v[i][j] = 0.0;
                    v[j][i] = 0.0;
                }
            } else {
                for (int k = 0; k < i; k++) {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                double f = d[i - 1];
                double g = Math.sqrt(h);
                if (f > 0) {
                    g = -g;
                }
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++) {
                    e[j] = 0.0;
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    v[j][i] = f;
                    g = e[j] + v[j][j] * f;
                    for (int k = j + 1; k <= i - 1; k++) {
                        g += v[k][j] * d[k];
                        e[k] += v[k][j] * f;
                    }
                    e[j] = g;
                }
                f = 0.0;
                for (int j = 0; j < i; j++) {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) {
                    e[j] -= hh * d[j];
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    g = e[j];
                    for (int k = j; k <= i - 1; k++) {
                        v[k][j] -= (f * e[k] + g * d[k]);
                    }
                    d[j] = v[i - 1][j];
                    v[i][j] = 0.0;
                }
            }
            d[i] = h;
        }
        for (int i = 0; i < n - 1; i++) {
            v[n - 1][i] = v[i][i];
            v[i][i] = 1.0;
            double h = d[i + 1];
            if (h != 0.0) {
                for (int k = 0; k <= i; k++) {
                    d[k] = v[k][i + 1] / h;
                }
                for (int j = 0; j <= i; j++) {
                    double g = 0.0;
                    for (int k = 0; k <= i; k++) {
                        g += v[k][i + 1] * v[k][j];
                    }
                    for (int k = 0; k <= i; k++) {
                        v[k][j] -= g * d[k];
                    }
                }
            }
            for (int k = 0; k <= i; k++) {
                v[k][i + 1] = 0.0;
            }
        }
        for (int j = 0; j < n; j++) {
            d[j] = v[n - 1][j];
            v[n - 1][j] = 0.0;
        }
        v[n - 1][n - 1] = 1.0;
        e[0] = 0.0;
    }

    /** The implicit QL algorithm on the tridiagonal (d, e), accumulating into v; then the ascending sort. */
    private void tql2(double[] e) {
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        e[n - 1] = 0.0;
        double f = 0.0;
        double tst1 = 0.0;
        final double eps = Math.ulp(1.0);
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n) {
                if (Math.abs(e[m]) <= eps * tst1) {
                    break;
                }
                m++;
            }
            if (m > l) {
                int iterations = 0;
                do {
                    if (++iterations > 60) {
                        throw new ArithmeticException("the QL iteration did not converge for eigenvalue " + l);
                    }
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2.0 * e[l]);
                    double r = hypot(p, 1.0);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    p = d[m];
                    double c = 1.0;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0.0;
                    double s2 = 0.0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        for (int k = 0; k < n; k++) {
                            h = v[k][i + 1];
                            v[k][i + 1] = s * v[k][i] + c * h;
                            v[k][i] = c * v[k][i] - s * h;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0.0;
        }
        for (int i = 0; i < n - 1; i++) {
            int k = i;
            double p = d[i];
            for (int j = i + 1; j < n; j++) {
                if (d[j] < p) {
                    k = j;
                    p = d[j];
                }
            }
            if (k != i) {
                d[k] = d[i];
                d[i] = p;
                for (int j = 0; j < n; j++) {
                    p = v[j][i];
                    v[j][i] = v[j][k];
                    v[j][k] = p;
                }
            }
        }
    }

    /** sqrt(a^2 + b^2) without overflow or underflow, from square roots alone (JAMA's form). */
    private static double hypot(double a, double b) {
        double r;
        if (Math.abs(a) > Math.abs(b)) {
            r = b / a;
            return Math.abs(a) * Math.sqrt(1 + r * r);
        }
        if (b != 0) {
            r = a / b;
            return Math.abs(b) * Math.sqrt(1 + r * r);
        }
        return 0.0;
    }
}
