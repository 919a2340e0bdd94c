package org.chemotaxis.math;

/** {@link ElementwiseMath} in plain Java: the reference, and the fallback without the vector module. */
public final class ScalarElementwise implements ElementwiseMath {

    public static final ScalarElementwise INSTANCE = new ScalarElementwise();

    private ScalarElementwise() {
    }

    @Override
    public void exp(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = DeterministicMath.exp(a[i]);
        }
    }

    @Override
    public void log(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = DeterministicMath.log(a[i]);
        }
    }

    @Override
    public void tanh(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = Tanh.tanh(a[i]);
        }
    }

    @Override
    public void sinCos(double[] angle, double[] sin, double[] cos, int n) {
        for (int i = 0; i < n; i++) {
            sin[i] = DeterministicMath.sin(angle[i]);
            cos[i] = DeterministicMath.cos(angle[i]);
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
