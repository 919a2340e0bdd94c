package org.chemotaxis.kernel;

import org.chemotaxis.math.Tanh;
import org.chemotaxis.math.VectorElementwise;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CtrnnBlock} on the JDK's Vector API (incubating in JDK 17; needs
 * {@code --add-modules jdk.incubator.vector}), register-blocked like {@link VectorBlock}: 4 rows
 * x up to 4 vectors of target neurons (as wide as {@link VectorBlock#tileVectors} allows) are
 * accumulated in registers while the weight rows stream past; the recurrent terms are
 * {@link VectorBlock}'s own accumulation (the sum over sigma of the previous state is the same
 * matrix product as Elman's over h), in slices of {@value #SLICE} source neurons for large N.
 *
 * <p>Exactly the arithmetic of {@link CtrnnScalarBlock}: every lane accumulates its own neuron
 * in the same order with separate multiplies and adds (never fused, as in the reference model),
 * the Euler update is a separate multiply and add, and sigma is {@link Logistic}'s sequence of
 * operations lane by lane. Neurons beyond the last full vector and rows beyond the last block of
 * 4 take the same path with fewer registers or the scalar code, so the result does not depend
 * on the vector width either. Loaded only by {@link Kernels}, so that the class is never linked
 * in a JVM without the vector module.
 */
final class CtrnnVectorBlock implements CtrnnBlock {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    private static final int SLICE = 64;

    static {
        // Before any kernel runs: the JIT must not learn from these kernels' first loops alone
        // which operations the Vector API's shared methods see (VectorElementwise#settleProfiles).
        VectorElementwise.settleProfiles();
    }

    CtrnnVectorBlock() {
    }

    /** Lanes of the preferred double vector on this machine. */
    static int lanes() {
        return V;
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    @Override
    public void step(CtrnnLayout layout, Substitution copy, int rows,
                     double[] yPrev, double[] sPrev, int prevOff, double[] yNext, double[] sNext, int nextOff,
                     double[] x, int xOff) {
        final int N = layout.neurons();
        final int I = layout.inputs();
        final double[] vT = layout.vT();
        final double[] w = layout.w();
        final int ovCol = copy.column();
        final int ovRow = copy.row();
        final double[] ov = copy.vector();
        final int ovOff = copy.vectorOffset();
        final int full = N / V;
        final int tail = full * V;
        final int blocked = rows / 4 * 4;
        // yNext holds the brackets f until the Euler update replaces them; the partial sums wait
        // there between slices, so the order of the additions stays -y, inputs, j = 0, 1, 2, ...
        for (int v = 0; v < full; ) {
            final int nv = VectorBlock.tileVectors(full - v);
            final int u0 = v * V;
            for (int r = 0; r < blocked; r += 4) {
                final int p0 = prevOff + r * N;
                final int n0 = nextOff + r * N;
                final int x0 = xOff + r * I;
                if (nv == 4) {
                    init4x4(N, I, u0, yPrev, p0, yNext, n0, x, x0, vT, ovCol, ov, ovOff);
                } else if (nv == 2) {
                    init4x2(N, I, u0, yPrev, p0, yNext, n0, x, x0, vT, ovCol, ov, ovOff);
                } else {
                    init4x1(N, I, u0, yPrev, p0, yNext, n0, x, x0, vT, ovCol, ov, ovOff);
                }
            }
            for (int j0 = 0; j0 < N; j0 += SLICE) {
                final int j1 = Math.min(N, j0 + SLICE);
                for (int r = 0; r < blocked; r += 4) {
                    final int p0 = prevOff + r * N;
                    final int n0 = nextOff + r * N;
                    if (nv == 4) {
                        VectorBlock.acc4x4(N, u0, j0, j1, sPrev, p0, yNext, n0, w, ovRow, ov, ovOff);
                    } else if (nv == 2) {
                        VectorBlock.acc4x2(N, u0, j0, j1, sPrev, p0, yNext, n0, w, ovRow, ov, ovOff);
                    } else {
                        VectorBlock.acc4x1(N, u0, j0, j1, sPrev, p0, yNext, n0, w, ovRow, ov, ovOff);
                    }
                }
            }
            v += nv;
        }
        for (int r = 0; r < rows; r++) {
            final int p0 = prevOff + r * N;
            final int n0 = nextOff + r * N;
            final int x0 = xOff + r * I;
            if (r >= blocked) {
                for (int v = 0; v < full; v++) {
                    init1x1(N, I, v * V, yPrev, p0, yNext, n0, x, x0, vT, ovCol, ov, ovOff);
                    VectorBlock.acc1x1(N, v * V, 0, N, sPrev, p0, yNext, n0, w, ovRow, ov, ovOff);
                }
            }
            for (int i = tail; i < N; i++) {
                yNext[n0 + i] = CtrnnScalarBlock.bracket(layout, copy, i, yPrev, sPrev, p0, x, x0);
            }
            finish(N, copy, yPrev, p0, yNext, sNext, n0);
        }
    }

    /**
     * The Euler update and sigma of one row, yNext holding f: vector by vector, then the scalar
     * tail. y + bias waits in sNext for {@link #sigmaInPlace}: no vector value crosses a method
     * boundary, where the JIT would box it if it did not inline the callee.
     */
    private static void finish(int N, Substitution copy, double[] yPrev, int p, double[] yNext, double[] sNext, int n) {
        final double[] gain = copy.gain();
        final int gainOff = copy.gainOffset();
        final double[] bias = copy.bias();
        final int biasOff = copy.biasOffset();
        int i = 0;
        for (; i + V <= N; i += V) {
            final DoubleVector f = DoubleVector.fromArray(S, yNext, n + i);
            final DoubleVector g = DoubleVector.fromArray(S, gain, gainOff + i);
            final DoubleVector y = DoubleVector.fromArray(S, yPrev, p + i).add(g.mul(f));
            y.intoArray(yNext, n + i);
            y.add(DoubleVector.fromArray(S, bias, biasOff + i)).intoArray(sNext, n + i);
        }
        sigmaInPlace(sNext, n, i);
        CtrnnScalarBlock.finish(N, copy, yPrev, p, yNext, sNext, n, i);
    }

    /** {@link Logistic#sigma} on {@code a[off .. off + len)}, lane by lane with the same operations. */
    static void sigmaInPlace(double[] a, int off, int len) {
        final DoubleVector minusLn2Hi = DoubleVector.broadcast(S, -Tanh.LN2_HI);
        final DoubleVector minusLn2Lo = DoubleVector.broadcast(S, -Tanh.LN2_LO);
        final DoubleVector q7 = DoubleVector.broadcast(S, Tanh.Q7);
        final DoubleVector q6 = DoubleVector.broadcast(S, Tanh.Q6);
        final DoubleVector q5 = DoubleVector.broadcast(S, Tanh.Q5);
        final DoubleVector q4 = DoubleVector.broadcast(S, Tanh.Q4);
        final DoubleVector q3 = DoubleVector.broadcast(S, Tanh.Q3);
        final DoubleVector q2 = DoubleVector.broadcast(S, Tanh.Q2);
        final DoubleVector q1 = DoubleVector.broadcast(S, Tanh.Q1);
        final DoubleVector q0 = DoubleVector.broadcast(S, Tanh.Q0);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        int i = 0;
        for (; i + V <= len; i += V) {
            final DoubleVector z = DoubleVector.fromArray(S, a, off + i);
            final DoubleVector abs = z.abs();
            final DoubleVector shifted = abs.fma(-Tanh.INV_LN2, Tanh.SHIFTER);
            final DoubleVector k = shifted.sub(Tanh.SHIFTER);
            final DoubleVector r = k.fma(minusLn2Lo, k.fma(minusLn2Hi, abs.neg()));
            DoubleVector q = r.fma(Tanh.Q9, Tanh.Q8);
            q = q.fma(r, q7);
            q = q.fma(r, q6);
            q = q.fma(r, q5);
            q = q.fma(r, q4);
            q = q.fma(r, q3);
            q = q.fma(r, q2);
            q = q.fma(r, q1);
            q = q.fma(r, q0);
            final DoubleVector p = r.mul(r).fma(q, r);
            final DoubleVector scale = shifted.reinterpretAsLongs().add(1023L)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            final DoubleVector e = scale.fma(p, scale).blend(0.0, abs.compare(VectorOperators.GT, Logistic.CUTOFF));
            final DoubleVector numerator = one.blend(e, z.compare(VectorOperators.LT, 0.0));
            numerator.div(e.add(1.0)).intoArray(a, off + i);
        }
        for (; i < len; i++) {
            a[off + i] = Logistic.sigma(a[off + i]);
        }
    }

    /** Starts the brackets of 4 row(s) x 4 vector(s) of units from u0: -y, then the input terms. */
    private static void init4x4(int N, int I, int u0, double[] yPrev, int p0, double[] yNext, int n0,
                                double[] x, int x0, double[] vT, int ovCol, double[] ov, int ovOff) {
        DoubleVector a00 = DoubleVector.fromArray(S, yPrev, p0 + u0).neg();
        DoubleVector a01 = DoubleVector.fromArray(S, yPrev, p0 + u0 + 1 * V).neg();
        DoubleVector a02 = DoubleVector.fromArray(S, yPrev, p0 + u0 + 2 * V).neg();
        DoubleVector a03 = DoubleVector.fromArray(S, yPrev, p0 + u0 + 3 * V).neg();
        DoubleVector a10 = DoubleVector.fromArray(S, yPrev, p0 + 1 * N + u0).neg();
        DoubleVector a11 = DoubleVector.fromArray(S, yPrev, p0 + 1 * N + u0 + 1 * V).neg();
        DoubleVector a12 = DoubleVector.fromArray(S, yPrev, p0 + 1 * N + u0 + 2 * V).neg();
        DoubleVector a13 = DoubleVector.fromArray(S, yPrev, p0 + 1 * N + u0 + 3 * V).neg();
        DoubleVector a20 = DoubleVector.fromArray(S, yPrev, p0 + 2 * N + u0).neg();
        DoubleVector a21 = DoubleVector.fromArray(S, yPrev, p0 + 2 * N + u0 + 1 * V).neg();
        DoubleVector a22 = DoubleVector.fromArray(S, yPrev, p0 + 2 * N + u0 + 2 * V).neg();
        DoubleVector a23 = DoubleVector.fromArray(S, yPrev, p0 + 2 * N + u0 + 3 * V).neg();
        DoubleVector a30 = DoubleVector.fromArray(S, yPrev, p0 + 3 * N + u0).neg();
        DoubleVector a31 = DoubleVector.fromArray(S, yPrev, p0 + 3 * N + u0 + 1 * V).neg();
        DoubleVector a32 = DoubleVector.fromArray(S, yPrev, p0 + 3 * N + u0 + 2 * V).neg();
        DoubleVector a33 = DoubleVector.fromArray(S, yPrev, p0 + 3 * N + u0 + 3 * V).neg();
        for (int c = 0; c < I; c++) {
            final boolean o = c == ovCol;
            final double[] wa = o ? ov : vT;
            final int wo = (o ? ovOff : c * N) + u0;
            final DoubleVector w0 = DoubleVector.fromArray(S, wa, wo);
            final DoubleVector w1 = DoubleVector.fromArray(S, wa, wo + 1 * V);
            final DoubleVector w2 = DoubleVector.fromArray(S, wa, wo + 2 * V);
            final DoubleVector w3 = DoubleVector.fromArray(S, wa, wo + 3 * V);
            final DoubleVector s0 = DoubleVector.broadcast(S, x[x0 + c]);
            final DoubleVector s1 = DoubleVector.broadcast(S, x[x0 + 1 * I + c]);
            final DoubleVector s2 = DoubleVector.broadcast(S, x[x0 + 2 * I + c]);
            final DoubleVector s3 = DoubleVector.broadcast(S, x[x0 + 3 * I + c]);
            a00 = a00.add(w0.mul(s0));
            a01 = a01.add(w1.mul(s0));
            a02 = a02.add(w2.mul(s0));
            a03 = a03.add(w3.mul(s0));
            a10 = a10.add(w0.mul(s1));
            a11 = a11.add(w1.mul(s1));
            a12 = a12.add(w2.mul(s1));
            a13 = a13.add(w3.mul(s1));
            a20 = a20.add(w0.mul(s2));
            a21 = a21.add(w1.mul(s2));
            a22 = a22.add(w2.mul(s2));
            a23 = a23.add(w3.mul(s2));
            a30 = a30.add(w0.mul(s3));
            a31 = a31.add(w1.mul(s3));
            a32 = a32.add(w2.mul(s3));
            a33 = a33.add(w3.mul(s3));
        }
        a00.intoArray(yNext, n0 + u0);
        a01.intoArray(yNext, n0 + u0 + 1 * V);
        a02.intoArray(yNext, n0 + u0 + 2 * V);
        a03.intoArray(yNext, n0 + u0 + 3 * V);
        a10.intoArray(yNext, n0 + 1 * N + u0);
        a11.intoArray(yNext, n0 + 1 * N + u0 + 1 * V);
        a12.intoArray(yNext, n0 + 1 * N + u0 + 2 * V);
        a13.intoArray(yNext, n0 + 1 * N + u0 + 3 * V);
        a20.intoArray(yNext, n0 + 2 * N + u0);
        a21.intoArray(yNext, n0 + 2 * N + u0 + 1 * V);
        a22.intoArray(yNext, n0 + 2 * N + u0 + 2 * V);
        a23.intoArray(yNext, n0 + 2 * N + u0 + 3 * V);
        a30.intoArray(yNext, n0 + 3 * N + u0);
        a31.intoArray(yNext, n0 + 3 * N + u0 + 1 * V);
        a32.intoArray(yNext, n0 + 3 * N + u0 + 2 * V);
        a33.intoArray(yNext, n0 + 3 * N + u0 + 3 * V);
    }

    /** Starts the brackets of 4 row(s) x 2 vector(s) of units from u0: -y, then the input terms. */
    private static void init4x2(int N, int I, int u0, double[] yPrev, int p0, double[] yNext, int n0,
                                double[] x, int x0, double[] vT, int ovCol, double[] ov, int ovOff) {
        DoubleVector a00 = DoubleVector.fromArray(S, yPrev, p0 + u0).neg();
        DoubleVector a01 = DoubleVector.fromArray(S, yPrev, p0 + u0 + 1 * V).neg();
        DoubleVector a10 = DoubleVector.fromArray(S, yPrev, p0 + 1 * N + u0).neg();
        DoubleVector a11 = DoubleVector.fromArray(S, yPrev, p0 + 1 * N + u0 + 1 * V).neg();
        DoubleVector a20 = DoubleVector.fromArray(S, yPrev, p0 + 2 * N + u0).neg();
        DoubleVector a21 = DoubleVector.fromArray(S, yPrev, p0 + 2 * N + u0 + 1 * V).neg();
        DoubleVector a30 = DoubleVector.fromArray(S, yPrev, p0 + 3 * N + u0).neg();
        DoubleVector a31 = DoubleVector.fromArray(S, yPrev, p0 + 3 * N + u0 + 1 * V).neg();
        for (int c = 0; c < I; c++) {
            final boolean o = c == ovCol;
            final double[] wa = o ? ov : vT;
            final int wo = (o ? ovOff : c * N) + u0;
            final DoubleVector w0 = DoubleVector.fromArray(S, wa, wo);
            final DoubleVector w1 = DoubleVector.fromArray(S, wa, wo + 1 * V);
            final DoubleVector s0 = DoubleVector.broadcast(S, x[x0 + c]);
            final DoubleVector s1 = DoubleVector.broadcast(S, x[x0 + 1 * I + c]);
            final DoubleVector s2 = DoubleVector.broadcast(S, x[x0 + 2 * I + c]);
            final DoubleVector s3 = DoubleVector.broadcast(S, x[x0 + 3 * I + c]);
            a00 = a00.add(w0.mul(s0));
            a01 = a01.add(w1.mul(s0));
            a10 = a10.add(w0.mul(s1));
            a11 = a11.add(w1.mul(s1));
            a20 = a20.add(w0.mul(s2));
            a21 = a21.add(w1.mul(s2));
            a30 = a30.add(w0.mul(s3));
            a31 = a31.add(w1.mul(s3));
        }
        a00.intoArray(yNext, n0 + u0);
        a01.intoArray(yNext, n0 + u0 + 1 * V);
        a10.intoArray(yNext, n0 + 1 * N + u0);
        a11.intoArray(yNext, n0 + 1 * N + u0 + 1 * V);
        a20.intoArray(yNext, n0 + 2 * N + u0);
        a21.intoArray(yNext, n0 + 2 * N + u0 + 1 * V);
        a30.intoArray(yNext, n0 + 3 * N + u0);
        a31.intoArray(yNext, n0 + 3 * N + u0 + 1 * V);
    }

    /** Starts the brackets of 4 row(s) x 1 vector(s) of units from u0: -y, then the input terms. */
    private static void init4x1(int N, int I, int u0, double[] yPrev, int p0, double[] yNext, int n0,
                                double[] x, int x0, double[] vT, int ovCol, double[] ov, int ovOff) {
        DoubleVector a00 = DoubleVector.fromArray(S, yPrev, p0 + u0).neg();
        DoubleVector a10 = DoubleVector.fromArray(S, yPrev, p0 + 1 * N + u0).neg();
        DoubleVector a20 = DoubleVector.fromArray(S, yPrev, p0 + 2 * N + u0).neg();
        DoubleVector a30 = DoubleVector.fromArray(S, yPrev, p0 + 3 * N + u0).neg();
        for (int c = 0; c < I; c++) {
            final boolean o = c == ovCol;
            final double[] wa = o ? ov : vT;
            final int wo = (o ? ovOff : c * N) + u0;
            final DoubleVector w0 = DoubleVector.fromArray(S, wa, wo);
            final DoubleVector s0 = DoubleVector.broadcast(S, x[x0 + c]);
            final DoubleVector s1 = DoubleVector.broadcast(S, x[x0 + 1 * I + c]);
            final DoubleVector s2 = DoubleVector.broadcast(S, x[x0 + 2 * I + c]);
            final DoubleVector s3 = DoubleVector.broadcast(S, x[x0 + 3 * I + c]);
            a00 = a00.add(w0.mul(s0));
            a10 = a10.add(w0.mul(s1));
            a20 = a20.add(w0.mul(s2));
            a30 = a30.add(w0.mul(s3));
        }
        a00.intoArray(yNext, n0 + u0);
        a10.intoArray(yNext, n0 + 1 * N + u0);
        a20.intoArray(yNext, n0 + 2 * N + u0);
        a30.intoArray(yNext, n0 + 3 * N + u0);
    }

    /** Starts the brackets of 1 row(s) x 1 vector(s) of units from u0: -y, then the input terms. */
    private static void init1x1(int N, int I, int u0, double[] yPrev, int p0, double[] yNext, int n0,
                                double[] x, int x0, double[] vT, int ovCol, double[] ov, int ovOff) {
        DoubleVector a00 = DoubleVector.fromArray(S, yPrev, p0 + u0).neg();
        for (int c = 0; c < I; c++) {
            final boolean o = c == ovCol;
            final double[] wa = o ? ov : vT;
            final int wo = (o ? ovOff : c * N) + u0;
            final DoubleVector w0 = DoubleVector.fromArray(S, wa, wo);
            final DoubleVector s0 = DoubleVector.broadcast(S, x[x0 + c]);
            a00 = a00.add(w0.mul(s0));
        }
        a00.intoArray(yNext, n0 + u0);
    }
}
