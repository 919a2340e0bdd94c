package org.chemotaxis.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ElementwiseMath} on the Vector API: every lane runs the scalar function's operations in
 * the same order (a * b + c as a multiply and an add where the scalar code has them apart, a
 * fused multiply-add where it fuses), so the bits are the scalar ones. A vector with an argument
 * outside the fast domain (where the scalar function calls StrictMath) is done by the scalar
 * function, as is the tail. One small method per vector, without vectors carried from one
 * iteration to the next: the species is a constant wherever the compiler looks. Loaded only by
 * {@link Kernels}.
 */
public final class VectorElementwise implements ElementwiseMath {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(Tanh.SHIFTER);

    VectorElementwise() {
    }

    /**
     * Rounds of {@link #settleProfiles()}: enough for the JIT to have started profiling the
     * Vector API's shared methods (it does after a few thousand calls) and to have seen every
     * kind of operation there.
     */
    private static final int SETTLE_ROUNDS = 400;

    static {
        settleProfiles0();
    }

    /**
     * Makes sure this class has been initialised, which runs every kind of vector operation the
     * program uses a few thousand times on scratch arrays before any kernel runs.
     *
     * <p>Why: HotSpot's C2 of JDK 17 gives up the vector intrinsics of a method once the
     * "class_check" traps recorded in the methods it inlines add up to {@code PerMethodTrapLimit}
     * (100); the shared methods of the Vector API (e.g. {@code VectorOperators.opKind}, which
     * every add and multiply inlines) collect such traps when the JIT compiled them while they had
     * seen one kind of operation only (say adds and multiplies from a kernel's first loops) and a
     * tanh's subtract or abs came later. A register-blocked kernel inlines {@code opKind} 32 times
     * per loop, so 4 traps there were enough: its final stores ran boxed, hundreds of GC pauses
     * and 5-20x slower, in the fresh JVMs whose first compilations happened in that order
     * (docs/BENCHMARKS.md, "Fresh JVMs"). Run first and interleaved, every operation kind is in
     * those methods' profiles from the start, the JIT never bets on one and no trap is recorded,
     * whatever the order of compilations. The kernels' own profiles are not touched: they see the
     * one species they always see. Costs a fraction of a second once per JVM; changes no result.
     */
    public static void settleProfiles() {
        // The work is done by the static initialiser, once per JVM.
    }

    private static void settleProfiles0() {
        final int n = 2 * V + 1;
        final double[] a = new double[n];
        final double[] b = new double[n];
        final double[] c = new double[n];
        final double[] d = new double[n];
        for (int round = 0; round < SETTLE_ROUNDS; round++) {
            for (int i = 0; i < n; i++) {
                a[i] = (i + round % 7) * 0.37 - 1.1;
            }
            tanhInPlace(a, 0, n);
            expVector(a, 0);
            System.arraycopy(a, 0, b, 0, n);
            logVector(b, V);
            sinCosVector(a, c, d, 0);
            final DoubleVector x = DoubleVector.fromArray(S, c, 0);
            final DoubleVector y = DoubleVector.fromArray(S, d, V);
            x.add(y.mul(x)).sub(y).div(y.add(2.0)).neg().abs().intoArray(a, 0);
        }
    }

    static int lanes() {
        return V;
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    @Override
    public void exp(double[] a, int n) {
        int i = 0;
        for (; i + V <= n; i += V) {
            expVector(a, i);
        }
        for (; i < n; i++) {
            a[i] = DeterministicMath.exp(a[i]);
        }
    }

    private static void expVector(double[] a, int i) {
        final DoubleVector x = DoubleVector.fromArray(S, a, i);
        final VectorMask<Double> low = x.compare(VectorOperators.LT, DeterministicMath.EXP_UNDERFLOW);
        final VectorMask<Double> high = x.compare(VectorOperators.GT, DeterministicMath.EXP_OVERFLOW);
        final DoubleVector y = x.blend(DeterministicMath.EXP_UNDERFLOW, low).blend(DeterministicMath.EXP_OVERFLOW, high);
        final DoubleVector shifted = y.fma(Tanh.INV_LN2, Tanh.SHIFTER);
        final DoubleVector k = shifted.sub(Tanh.SHIFTER);
        final DoubleVector r = k.fma(DoubleVector.broadcast(S, -Tanh.LN2_LO), k.fma(DoubleVector.broadcast(S, -Tanh.LN2_HI), y));
        DoubleVector q = r.fma(Tanh.Q9, Tanh.Q8);
        q = q.fma(r, DoubleVector.broadcast(S, Tanh.Q7));
        q = q.fma(r, DoubleVector.broadcast(S, Tanh.Q6));
        q = q.fma(r, DoubleVector.broadcast(S, Tanh.Q5));
        q = q.fma(r, DoubleVector.broadcast(S, Tanh.Q4));
        q = q.fma(r, DoubleVector.broadcast(S, Tanh.Q3));
        q = q.fma(r, DoubleVector.broadcast(S, Tanh.Q2));
        q = q.fma(r, DoubleVector.broadcast(S, Tanh.Q1));
        q = q.fma(r, DoubleVector.broadcast(S, Tanh.Q0));
        final DoubleVector p = r.mul(r).fma(q, r);
        final DoubleVector half = shifted.reinterpretAsLongs().add(1022L)
                .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        final DoubleVector e = half.fma(p, half).mul(2.0);
        e.blend(0.0, low).blend(Double.POSITIVE_INFINITY, high).intoArray(a, i);
    }

    @Override
    public void log(double[] a, int n) {
        int i = 0;
        for (; i + V <= n; i += V) {
            if (!logVector(a, i)) {
                for (int j = i; j < i + V; j++) {
                    a[j] = DeterministicMath.log(a[j]);
                }
            }
        }
        for (; i < n; i++) {
            a[i] = DeterministicMath.log(a[i]);
        }
    }

    /** False, writing nothing, when a lane is outside the positive normal numbers. */
    private static boolean logVector(double[] a, int i) {
        final DoubleVector x = DoubleVector.fromArray(S, a, i);
        if (!x.compare(VectorOperators.GE, Double.MIN_NORMAL).and(x.compare(VectorOperators.LE, Double.MAX_VALUE))
                .allTrue()) {
            return false;
        }
        final LongVector bits = x.reinterpretAsLongs();
        final LongVector k = bits.sub(DeterministicMath.LOG_SPLIT).lanewise(VectorOperators.ASHR, 52);
        final DoubleVector f = bits.sub(k.lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles().sub(1.0);
        final DoubleVector s = f.div(f.add(2.0));
        final DoubleVector z = s.mul(s);
        final DoubleVector w = z.mul(z);
        final DoubleVector t1 = w.mul(DeterministicMath.LG6).add(DeterministicMath.LG4).mul(w)
                .add(DeterministicMath.LG2).mul(w);
        final DoubleVector t2 = w.mul(DeterministicMath.LG7).add(DeterministicMath.LG5).mul(w)
                .add(DeterministicMath.LG3).mul(w).add(DeterministicMath.LG1).mul(z);
        final DoubleVector r = t2.add(t1);
        final DoubleVector hfsq = f.mul(0.5).mul(f);
        // k as a double without a long-to-double conversion (which AVX2 lacks): 1.5 * 2^52 + k - 1.5 * 2^52.
        final DoubleVector dk = k.add(SHIFTER_BITS).reinterpretAsDoubles().sub(Tanh.SHIFTER);
        final DoubleVector inner = hfsq.sub(hfsq.add(r).mul(s).add(dk.mul(Tanh.LN2_LO))).sub(f);
        dk.mul(Tanh.LN2_HI).sub(inner).intoArray(a, i);
        return true;
    }

    @Override
    public void tanh(double[] a, int n) {
        tanhInPlace(a, 0, n);
    }

    @Override
    public void sinCos(double[] angle, double[] sin, double[] cos, int n) {
        int i = 0;
        for (; i + V <= n; i += V) {
            if (!sinCosVector(angle, sin, cos, i)) {
                for (int j = i; j < i + V; j++) {
                    sin[j] = DeterministicMath.sin(angle[j]);
                    cos[j] = DeterministicMath.cos(angle[j]);
                }
            }
        }
        for (; i < n; i++) {
            sin[i] = DeterministicMath.sin(angle[i]);
            cos[i] = DeterministicMath.cos(angle[i]);
        }
    }

    /** False, writing nothing, when a lane is beyond the reduction's range (or not finite). */
    private static boolean sinCosVector(double[] angle, double[] sin, double[] cos, int i) {
        final DoubleVector x = DoubleVector.fromArray(S, angle, i);
        if (!x.abs().compare(VectorOperators.LE, DeterministicMath.TRIG_LIMIT).allTrue()) {
            return false;
        }
        final DoubleVector shifted = x.fma(DeterministicMath.TWO_OVER_PI, Tanh.SHIFTER);
        final DoubleVector minusK = shifted.sub(Tanh.SHIFTER).neg();
        final DoubleVector r = minusK.fma(DoubleVector.broadcast(S, DeterministicMath.PIO2_2T),
                minusK.fma(DoubleVector.broadcast(S, DeterministicMath.PIO2_2),
                        minusK.fma(DoubleVector.broadcast(S, DeterministicMath.PIO2_1), x)));
        final DoubleVector z = r.mul(r);
        final DoubleVector sp = z.mul(DeterministicMath.S6).add(DeterministicMath.S5).mul(z).add(DeterministicMath.S4)
                .mul(z).add(DeterministicMath.S3).mul(z).add(DeterministicMath.S2);
        final DoubleVector sk = z.mul(sp).add(DeterministicMath.S1).mul(z.mul(r)).add(r);
        final DoubleVector cp = z.mul(DeterministicMath.C6).add(DeterministicMath.C5).mul(z).add(DeterministicMath.C4)
                .mul(z).add(DeterministicMath.C3).mul(z).add(DeterministicMath.C2).mul(z).add(DeterministicMath.C1)
                .mul(z);
        final DoubleVector hz = z.mul(0.5);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector w = one.sub(hz);
        final DoubleVector ck = w.add(one.sub(w).sub(hz).add(z.mul(cp)));
        final LongVector q = shifted.reinterpretAsLongs();
        final VectorMask<Double> swap = q.and(1L).compare(VectorOperators.NE, 0L).cast(S);
        final VectorMask<Double> sinNegative = q.and(2L).compare(VectorOperators.NE, 0L).cast(S);
        final VectorMask<Double> cosNegative = q.add(1L).and(2L).compare(VectorOperators.NE, 0L).cast(S);
        final DoubleVector s = sk.blend(ck, swap);
        final DoubleVector c = ck.blend(sk, swap);
        s.blend(s.neg(), sinNegative).intoArray(sin, i);
        c.blend(c.neg(), cosNegative).intoArray(cos, i);
        return true;
    }

    /** {@link Tanh#tanh} on {@code a[off .. off + len)}, lane by lane with the same operations. */
    public static void tanhInPlace(double[] a, int off, int len) {
        final DoubleVector MINUS_LN2_HI = DoubleVector.broadcast(S, -Tanh.LN2_HI);
        final DoubleVector MINUS_LN2_LO = DoubleVector.broadcast(S, -Tanh.LN2_LO);
        final DoubleVector Q7 = DoubleVector.broadcast(S, Tanh.Q7);
        final DoubleVector Q6 = DoubleVector.broadcast(S, Tanh.Q6);
        final DoubleVector Q5 = DoubleVector.broadcast(S, Tanh.Q5);
        final DoubleVector Q4 = DoubleVector.broadcast(S, Tanh.Q4);
        final DoubleVector Q3 = DoubleVector.broadcast(S, Tanh.Q3);
        final DoubleVector Q2 = DoubleVector.broadcast(S, Tanh.Q2);
        final DoubleVector Q1 = DoubleVector.broadcast(S, Tanh.Q1);
        final DoubleVector Q0 = DoubleVector.broadcast(S, Tanh.Q0);
        int i = 0;
        for (; i + V <= len; i += V) {
            final DoubleVector xv = DoubleVector.fromArray(S, a, off + i);
            final DoubleVector a2 = xv.abs().mul(2.0);
            final DoubleVector y = a2.blend(Tanh.CLAMP, a2.compare(VectorOperators.GT, Tanh.CLAMP));
            final DoubleVector shifted = y.fma(Tanh.INV_LN2, Tanh.SHIFTER);
            final DoubleVector k = shifted.sub(Tanh.SHIFTER);
            final DoubleVector r = k.fma(MINUS_LN2_LO, k.fma(MINUS_LN2_HI, y));
            DoubleVector q = r.fma(Tanh.Q9, Tanh.Q8);
            q = q.fma(r, Q7);
            q = q.fma(r, Q6);
            q = q.fma(r, Q5);
            q = q.fma(r, Q4);
            q = q.fma(r, Q3);
            q = q.fma(r, Q2);
            q = q.fma(r, Q1);
            q = q.fma(r, Q0);
            final DoubleVector p = r.mul(r).fma(q, r);
            final DoubleVector scale = shifted.reinterpretAsLongs().add(1023L)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            final DoubleVector e = scale.fma(p, scale.sub(1.0));
            final DoubleVector t = e.div(e.add(2.0));
            final LongVector sign = xv.reinterpretAsLongs().and(Tanh.SIGN);
            t.reinterpretAsLongs().or(sign).reinterpretAsDoubles().intoArray(a, off + i);
        }
        for (; i < len; i++) {
            a[off + i] = Tanh.tanh(a[off + i]);
        }
    }
}
