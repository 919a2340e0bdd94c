package org.chemotaxis.kernel;

import org.chemotaxis.math.VectorElementwise;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RecurrentBlock} on the JDK's Vector API (incubating in JDK 17; needs
 * {@code --add-modules jdk.incubator.vector}). Register-blocked: 4 rows x up to 4 vectors of
 * units (2 with 256-bit vectors, see {@link #WIDEST_TILE}) are accumulated in registers while
 * the weight rows stream past, so each weight vector loaded serves 4 rows and each broadcast
 * state value serves every vector of units in the block.
 *
 * For large H the sum over the previous state is cut into slices whose weights stay in the L1
 * cache while all rows pass (the partial sums wait in the output rows).
 *
 * <p>Exactly the arithmetic of {@link ScalarBlock}: every lane accumulates its own unit in the
 * same order with separate multiplies and adds (never fused, as in the reference model), and
 * tanh is {@link org.chemotaxis.math.Tanh}'s sequence of operations (fused where it fuses) lane by lane. Units beyond the last full vector and rows beyond the
 * last block of 4 take the same path with fewer registers or the scalar code. So the result
 * does not depend on the vector width either. Loaded only by {@link Kernels}, so that the class
 * is never linked in a JVM without the vector module.
 */
final class VectorBlock implements RecurrentBlock {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    /** Recurrent terms per pass: 64 x 4 vectors of 8 doubles is 16 KiB of weights, half an L1 cache. */
    private static final int SLICE = 64;
    /**
     * The widest block: 4 rows x 4 vectors keeps 16 accumulators, 4 weight vectors and a broadcast
     * in registers (21), which fits AVX-512's 32 vector registers; with 256-bit vectors (AVX2,
     * 16 registers) the JIT spills accumulators to the stack in every pass, so there 4 x 2 (11)
     * is the widest. Measured on an AVX2 EPYC (docs/BENCHMARKS.md): 4 x 4 took 1.2x (H = 32) and
     * 1.8x (H = 64) the time of 4 x 2 per gradient; 4 x 3 (16 registers) was in between. Which
     * block a unit falls in never changes its arithmetic, only the speed.
     */
    private static final int WIDEST_TILE = V >= 8 ? 4 : 2;

    static {
        // Before any kernel runs: the JIT must not learn from these kernels' first loops alone
        // which operations the Vector API's shared methods see (VectorElementwise#settleProfiles).
        VectorElementwise.settleProfiles();
    }

    VectorBlock() {
    }

    /** Vectors of units in the next register block when {@code left} vectors remain: 4, 2 or 1. */
    static int tileVectors(int left) {
        return left >= 4 && WIDEST_TILE >= 4 ? 4 : left >= 2 ? 2 : 1;
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
    public void step(RecurrentLayout layout, Substitution copy, int rows,
                     double[] hPrev, int prevOff, double[] hNext, int nextOff, double[] x, int xOff) {
        final int H = layout.hidden();
        final int I = layout.inputs();
        final double[] wxT = layout.wxT();
        final double[] whT = layout.whT();
        final double[] bias = copy.bias();
        final int biasOff = copy.biasOffset();
        final int ovCol = copy.column();
        final int ovRow = copy.row();
        final double[] ov = copy.vector();
        final int ovOff = copy.vectorOffset();
        final int full = H / V;
        final int tail = full * V;
        final int blocked = rows / 4 * 4;
        // Units in chunks of up to 4 vectors; the recurrent sum in slices of SLICE terms, so that
        // a slice of weights stays in L1 while every block of 4 rows adds its terms. The partial
        // sums wait in hNext between passes: the order of the additions stays bias, inputs,
        // j = 0, 1, 2, ... Small methods also keep each one well inside what the JIT compiles
        // with the vector intrinsics (a method it gives up on would box every vector).
        for (int v = 0; v < full; ) {
            final int nv = tileVectors(full - v);
            final int u0 = v * V;
            for (int r = 0; r < blocked; r += 4) {
                final int n0 = nextOff + r * H;
                final int x0 = xOff + r * I;
                if (nv == 4) {
                    init4x4(H, I, u0, hNext, n0, x, x0, bias, biasOff, wxT, ovCol, ov, ovOff);
                } else if (nv == 2) {
                    init4x2(H, I, u0, hNext, n0, x, x0, bias, biasOff, wxT, ovCol, ov, ovOff);
                } else {
                    init4x1(H, I, u0, hNext, n0, x, x0, bias, biasOff, wxT, ovCol, ov, ovOff);
                }
            }
            for (int j0 = 0; j0 < H; j0 += SLICE) {
                final int j1 = Math.min(H, j0 + SLICE);
                for (int r = 0; r < blocked; r += 4) {
                    final int p0 = prevOff + r * H;
                    final int n0 = nextOff + r * H;
                    if (nv == 4) {
                        acc4x4(H, u0, j0, j1, hPrev, p0, hNext, n0, whT, ovRow, ov, ovOff);
                    } else if (nv == 2) {
                        acc4x2(H, u0, j0, j1, hPrev, p0, hNext, n0, whT, ovRow, ov, ovOff);
                    } else {
                        acc4x1(H, u0, j0, j1, hPrev, p0, hNext, n0, whT, ovRow, ov, ovOff);
                    }
                }
            }
            v += nv;
        }
        for (int r = 0; r < blocked; r += 4) {
            final int p0 = prevOff + r * H;
            final int n0 = nextOff + r * H;
            final int x0 = xOff + r * I;
            for (int rr = 0; rr < 4; rr++) {
                for (int i = tail; i < H; i++) {
                    hNext[n0 + rr * H + i] = ScalarBlock.preActivation(layout, copy, i, hPrev, p0 + rr * H, x,
                            x0 + rr * I);
                }
            }
            VectorElementwise.tanhInPlace(hNext, n0, 4 * H);
        }
        for (int r = blocked; r < rows; r++) {
            final int p0 = prevOff + r * H;
            final int n0 = nextOff + r * H;
            final int x0 = xOff + r * I;
            for (int v = 0; v < full; v++) {
                init1x1(H, I, v * V, hNext, n0, x, x0, bias, biasOff, wxT, ovCol, ov, ovOff);
                acc1x1(H, v * V, 0, H, hPrev, p0, hNext, n0, whT, ovRow, ov, ovOff);
            }
            for (int i = tail; i < H; i++) {
                hNext[n0 + i] = ScalarBlock.preActivation(layout, copy, i, hPrev, p0, x, x0);
            }
            VectorElementwise.tanhInPlace(hNext, n0, H);
        }
    }


    /** Starts the pre-activations of 4 row(s) x 4 vector(s) of units from u0: bias, then input terms. */
    private static void init4x4(int H, int I, int u0, double[] hNext, int n0, double[] x, int x0,
                                double[] bias, int biasOff, double[] wxT, int ovCol, double[] ov, int ovOff) {
        final DoubleVector b0 = DoubleVector.fromArray(S, bias, biasOff + u0);
        final DoubleVector b1 = DoubleVector.fromArray(S, bias, biasOff + u0 + 1 * V);
        final DoubleVector b2 = DoubleVector.fromArray(S, bias, biasOff + u0 + 2 * V);
        final DoubleVector b3 = DoubleVector.fromArray(S, bias, biasOff + u0 + 3 * V);
        DoubleVector a00 = b0;
        DoubleVector a01 = b1;
        DoubleVector a02 = b2;
        DoubleVector a03 = b3;
        DoubleVector a10 = b0;
        DoubleVector a11 = b1;
        DoubleVector a12 = b2;
        DoubleVector a13 = b3;
        DoubleVector a20 = b0;
        DoubleVector a21 = b1;
        DoubleVector a22 = b2;
        DoubleVector a23 = b3;
        DoubleVector a30 = b0;
        DoubleVector a31 = b1;
        DoubleVector a32 = b2;
        DoubleVector a33 = b3;
        for (int c = 0; c < I; c++) {
            final boolean o = c == ovCol;
            final double[] wa = o ? ov : wxT;
            final int wo = (o ? ovOff : c * H) + u0;
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
        a00.intoArray(hNext, n0 + u0);
        a01.intoArray(hNext, n0 + u0 + 1 * V);
        a02.intoArray(hNext, n0 + u0 + 2 * V);
        a03.intoArray(hNext, n0 + u0 + 3 * V);
        a10.intoArray(hNext, n0 + 1 * H + u0);
        a11.intoArray(hNext, n0 + 1 * H + u0 + 1 * V);
        a12.intoArray(hNext, n0 + 1 * H + u0 + 2 * V);
        a13.intoArray(hNext, n0 + 1 * H + u0 + 3 * V);
        a20.intoArray(hNext, n0 + 2 * H + u0);
        a21.intoArray(hNext, n0 + 2 * H + u0 + 1 * V);
        a22.intoArray(hNext, n0 + 2 * H + u0 + 2 * V);
        a23.intoArray(hNext, n0 + 2 * H + u0 + 3 * V);
        a30.intoArray(hNext, n0 + 3 * H + u0);
        a31.intoArray(hNext, n0 + 3 * H + u0 + 1 * V);
        a32.intoArray(hNext, n0 + 3 * H + u0 + 2 * V);
        a33.intoArray(hNext, n0 + 3 * H + u0 + 3 * V);
    }

    /** Adds the recurrent terms j0 .. j1-1 to the partial pre-activations of 4 row(s) x 4 vector(s) in hNext. */
    static void acc4x4(int H, int u0, int j0, int j1, double[] hPrev, int p0, double[] hNext, int n0,
                       double[] whT, int ovRow, double[] ov, int ovOff) {
        DoubleVector a00 = DoubleVector.fromArray(S, hNext, n0 + u0);
        DoubleVector a01 = DoubleVector.fromArray(S, hNext, n0 + u0 + 1 * V);
        DoubleVector a02 = DoubleVector.fromArray(S, hNext, n0 + u0 + 2 * V);
        DoubleVector a03 = DoubleVector.fromArray(S, hNext, n0 + u0 + 3 * V);
        DoubleVector a10 = DoubleVector.fromArray(S, hNext, n0 + 1 * H + u0);
        DoubleVector a11 = DoubleVector.fromArray(S, hNext, n0 + 1 * H + u0 + 1 * V);
        DoubleVector a12 = DoubleVector.fromArray(S, hNext, n0 + 1 * H + u0 + 2 * V);
        DoubleVector a13 = DoubleVector.fromArray(S, hNext, n0 + 1 * H + u0 + 3 * V);
        DoubleVector a20 = DoubleVector.fromArray(S, hNext, n0 + 2 * H + u0);
        DoubleVector a21 = DoubleVector.fromArray(S, hNext, n0 + 2 * H + u0 + 1 * V);
        DoubleVector a22 = DoubleVector.fromArray(S, hNext, n0 + 2 * H + u0 + 2 * V);
        DoubleVector a23 = DoubleVector.fromArray(S, hNext, n0 + 2 * H + u0 + 3 * V);
        DoubleVector a30 = DoubleVector.fromArray(S, hNext, n0 + 3 * H + u0);
        DoubleVector a31 = DoubleVector.fromArray(S, hNext, n0 + 3 * H + u0 + 1 * V);
        DoubleVector a32 = DoubleVector.fromArray(S, hNext, n0 + 3 * H + u0 + 2 * V);
        DoubleVector a33 = DoubleVector.fromArray(S, hNext, n0 + 3 * H + u0 + 3 * V);
        for (int j = j0; j < j1; j++) {
            final boolean o = j == ovRow;
            final double[] wa = o ? ov : whT;
            final int wo = (o ? ovOff : j * H) + u0;
            final DoubleVector w0 = DoubleVector.fromArray(S, wa, wo);
            final DoubleVector w1 = DoubleVector.fromArray(S, wa, wo + 1 * V);
            final DoubleVector w2 = DoubleVector.fromArray(S, wa, wo + 2 * V);
            final DoubleVector w3 = DoubleVector.fromArray(S, wa, wo + 3 * V);
            final DoubleVector s0 = DoubleVector.broadcast(S, hPrev[p0 + j]);
            final DoubleVector s1 = DoubleVector.broadcast(S, hPrev[p0 + 1 * H + j]);
            final DoubleVector s2 = DoubleVector.broadcast(S, hPrev[p0 + 2 * H + j]);
            final DoubleVector s3 = DoubleVector.broadcast(S, hPrev[p0 + 3 * H + j]);
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
        a00.intoArray(hNext, n0 + u0);
        a01.intoArray(hNext, n0 + u0 + 1 * V);
        a02.intoArray(hNext, n0 + u0 + 2 * V);
        a03.intoArray(hNext, n0 + u0 + 3 * V);
        a10.intoArray(hNext, n0 + 1 * H + u0);
        a11.intoArray(hNext, n0 + 1 * H + u0 + 1 * V);
        a12.intoArray(hNext, n0 + 1 * H + u0 + 2 * V);
        a13.intoArray(hNext, n0 + 1 * H + u0 + 3 * V);
        a20.intoArray(hNext, n0 + 2 * H + u0);
        a21.intoArray(hNext, n0 + 2 * H + u0 + 1 * V);
        a22.intoArray(hNext, n0 + 2 * H + u0 + 2 * V);
        a23.intoArray(hNext, n0 + 2 * H + u0 + 3 * V);
        a30.intoArray(hNext, n0 + 3 * H + u0);
        a31.intoArray(hNext, n0 + 3 * H + u0 + 1 * V);
        a32.intoArray(hNext, n0 + 3 * H + u0 + 2 * V);
        a33.intoArray(hNext, n0 + 3 * H + u0 + 3 * V);
    }

    /** Starts the pre-activations of 4 row(s) x 2 vector(s) of units from u0: bias, then input terms. */
    private static void init4x2(int H, int I, int u0, double[] hNext, int n0, double[] x, int x0,
                                double[] bias, int biasOff, double[] wxT, int ovCol, double[] ov, int ovOff) {
        final DoubleVector b0 = DoubleVector.fromArray(S, bias, biasOff + u0);
        final DoubleVector b1 = DoubleVector.fromArray(S, bias, biasOff + u0 + 1 * V);
        DoubleVector a00 = b0;
        DoubleVector a01 = b1;
        DoubleVector a10 = b0;
        DoubleVector a11 = b1;
        DoubleVector a20 = b0;
        DoubleVector a21 = b1;
        DoubleVector a30 = b0;
        DoubleVector a31 = b1;
        for (int c = 0; c < I; c++) {
            final boolean o = c == ovCol;
            final double[] wa = o ? ov : wxT;
            final int wo = (o ? ovOff : c * H) + u0;
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
        a00.intoArray(hNext, n0 + u0);
        a01.intoArray(hNext, n0 + u0 + 1 * V);
        a10.intoArray(hNext, n0 + 1 * H + u0);
        a11.intoArray(hNext, n0 + 1 * H + u0 + 1 * V);
        a20.intoArray(hNext, n0 + 2 * H + u0);
        a21.intoArray(hNext, n0 + 2 * H + u0 + 1 * V);
        a30.intoArray(hNext, n0 + 3 * H + u0);
        a31.intoArray(hNext, n0 + 3 * H + u0 + 1 * V);
    }

    /** Adds the recurrent terms j0 .. j1-1 to the partial pre-activations of 4 row(s) x 2 vector(s) in hNext. */
    static void acc4x2(int H, int u0, int j0, int j1, double[] hPrev, int p0, double[] hNext, int n0,
                       double[] whT, int ovRow, double[] ov, int ovOff) {
        DoubleVector a00 = DoubleVector.fromArray(S, hNext, n0 + u0);
        DoubleVector a01 = DoubleVector.fromArray(S, hNext, n0 + u0 + 1 * V);
        DoubleVector a10 = DoubleVector.fromArray(S, hNext, n0 + 1 * H + u0);
        DoubleVector a11 = DoubleVector.fromArray(S, hNext, n0 + 1 * H + u0 + 1 * V);
        DoubleVector a20 = DoubleVector.fromArray(S, hNext, n0 + 2 * H + u0);
        DoubleVector a21 = DoubleVector.fromArray(S, hNext, n0 + 2 * H + u0 + 1 * V);
        DoubleVector a30 = DoubleVector.fromArray(S, hNext, n0 + 3 * H + u0);
        DoubleVector a31 = DoubleVector.fromArray(S, hNext, n0 + 3 * H + u0 + 1 * V);
        for (int j = j0; j < j1; j++) {
            final boolean o = j == ovRow;
            final double[] wa = o ? ov : whT;
            final int wo = (o ? ovOff : j * H) + u0;
            final DoubleVector w0 = DoubleVector.fromArray(S, wa, wo);
            final DoubleVector w1 = DoubleVector.fromArray(S, wa, wo + 1 * V);
            final DoubleVector s0 = DoubleVector.broadcast(S, hPrev[p0 + j]);
            final DoubleVector s1 = DoubleVector.broadcast(S, hPrev[p0 + 1 * H + j]);
            final DoubleVector s2 = DoubleVector.broadcast(S, hPrev[p0 + 2 * H + j]);
            final DoubleVector s3 = DoubleVector.broadcast(S, hPrev[p0 + 3 * H + j]);
            a00 = a00.add(w0.mul(s0));
            a01 = a01.add(w1.mul(s0));
            a10 = a10.add(w0.mul(s1));
            a11 = a11.add(w1.mul(s1));
            a20 = a20.add(w0.mul(s2));
            a21 = a21.add(w1.mul(s2));
            a30 = a30.add(w0.mul(s3));
            a31 = a31.add(w1.mul(s3));
        }
        a00.intoArray(hNext, n0 + u0);
        a01.intoArray(hNext, n0 + u0 + 1 * V);
        a10.intoArray(hNext, n0 + 1 * H + u0);
        a11.intoArray(hNext, n0 + 1 * H + u0 + 1 * V);
        a20.intoArray(hNext, n0 + 2 * H + u0);
        a21.intoArray(hNext, n0 + 2 * H + u0 + 1 * V);
        a30.intoArray(hNext, n0 + 3 * H + u0);
        a31.intoArray(hNext, n0 + 3 * H + u0 + 1 * V);
    }

    /** Starts the pre-activations of 4 row(s) x 1 vector(s) of units from u0: bias, then input terms. */
    private static void init4x1(int H, int I, int u0, double[] hNext, int n0, double[] x, int x0,
                                double[] bias, int biasOff, double[] wxT, int ovCol, double[] ov, int ovOff) {
        final DoubleVector b0 = DoubleVector.fromArray(S, bias, biasOff + u0);
        DoubleVector a00 = b0;
        DoubleVector a10 = b0;
        DoubleVector a20 = b0;
        DoubleVector a30 = b0;
        for (int c = 0; c < I; c++) {
            final boolean o = c == ovCol;
            final double[] wa = o ? ov : wxT;
            final int wo = (o ? ovOff : c * H) + u0;
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
        a00.intoArray(hNext, n0 + u0);
        a10.intoArray(hNext, n0 + 1 * H + u0);
        a20.intoArray(hNext, n0 + 2 * H + u0);
        a30.intoArray(hNext, n0 + 3 * H + u0);
    }

    /** Adds the recurrent terms j0 .. j1-1 to the partial pre-activations of 4 row(s) x 1 vector(s) in hNext. */
    static void acc4x1(int H, int u0, int j0, int j1, double[] hPrev, int p0, double[] hNext, int n0,
                       double[] whT, int ovRow, double[] ov, int ovOff) {
        DoubleVector a00 = DoubleVector.fromArray(S, hNext, n0 + u0);
        DoubleVector a10 = DoubleVector.fromArray(S, hNext, n0 + 1 * H + u0);
        DoubleVector a20 = DoubleVector.fromArray(S, hNext, n0 + 2 * H + u0);
        DoubleVector a30 = DoubleVector.fromArray(S, hNext, n0 + 3 * H + u0);
        for (int j = j0; j < j1; j++) {
            final boolean o = j == ovRow;
            final double[] wa = o ? ov : whT;
            final int wo = (o ? ovOff : j * H) + u0;
            final DoubleVector w0 = DoubleVector.fromArray(S, wa, wo);
            final DoubleVector s0 = DoubleVector.broadcast(S, hPrev[p0 + j]);
            final DoubleVector s1 = DoubleVector.broadcast(S, hPrev[p0 + 1 * H + j]);
            final DoubleVector s2 = DoubleVector.broadcast(S, hPrev[p0 + 2 * H + j]);
            final DoubleVector s3 = DoubleVector.broadcast(S, hPrev[p0 + 3 * H + j]);
            a00 = a00.add(w0.mul(s0));
            a10 = a10.add(w0.mul(s1));
            a20 = a20.add(w0.mul(s2));
            a30 = a30.add(w0.mul(s3));
        }
        a00.intoArray(hNext, n0 + u0);
        a10.intoArray(hNext, n0 + 1 * H + u0);
        a20.intoArray(hNext, n0 + 2 * H + u0);
        a30.intoArray(hNext, n0 + 3 * H + u0);
    }

    /** Starts the pre-activations of 1 row(s) x 1 vector(s) of units from u0: bias, then input terms. */
    private static void init1x1(int H, int I, int u0, double[] hNext, int n0, double[] x, int x0,
                                double[] bias, int biasOff, double[] wxT, int ovCol, double[] ov, int ovOff) {
        final DoubleVector b0 = DoubleVector.fromArray(S, bias, biasOff + u0);
        DoubleVector a00 = b0;
        for (int c = 0; c < I; c++) {
            final boolean o = c == ovCol;
            final double[] wa = o ? ov : wxT;
            final int wo = (o ? ovOff : c * H) + u0;
            final DoubleVector w0 = DoubleVector.fromArray(S, wa, wo);
            final DoubleVector s0 = DoubleVector.broadcast(S, x[x0 + c]);
            a00 = a00.add(w0.mul(s0));
        }
        a00.intoArray(hNext, n0 + u0);
    }

    /** Adds the recurrent terms j0 .. j1-1 to the partial pre-activations of 1 row(s) x 1 vector(s) in hNext. */
    static void acc1x1(int H, int u0, int j0, int j1, double[] hPrev, int p0, double[] hNext, int n0,
                       double[] whT, int ovRow, double[] ov, int ovOff) {
        DoubleVector a00 = DoubleVector.fromArray(S, hNext, n0 + u0);
        for (int j = j0; j < j1; j++) {
            final boolean o = j == ovRow;
            final double[] wa = o ? ov : whT;
            final int wo = (o ? ovOff : j * H) + u0;
            final DoubleVector w0 = DoubleVector.fromArray(S, wa, wo);
            final DoubleVector s0 = DoubleVector.broadcast(S, hPrev[p0 + j]);
            a00 = a00.add(w0.mul(s0));
        }
        a00.intoArray(hNext, n0 + u0);
    }

}
