package org.chemotaxis.kernel;

/** The hyperbolic tangent used by the Elman model and its kernels. */
public final class Tanh {

    private Tanh() {
    }

    public static double tanh(double x) {
        return StrictMath.tanh(x);
    }
}
