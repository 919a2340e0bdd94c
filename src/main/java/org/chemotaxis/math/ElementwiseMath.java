package org.chemotaxis.math;

/**
 * {@link DeterministicMath} and {@link Tanh} over arrays: element i of the result is exactly the
 * scalar function's value of element i, whatever the implementation (plain Java or the Vector
 * API) and wherever i falls in a vector. Implementations are stateless and thread-safe.
 */
public interface ElementwiseMath {

    /** a[i] = DeterministicMath.exp(a[i]) for i &lt; n. */
    void exp(double[] a, int n);

    /** a[i] = DeterministicMath.log(a[i]) for i &lt; n. */
    void log(double[] a, int n);

    /** a[i] = Tanh.tanh(a[i]) for i &lt; n. */
    void tanh(double[] a, int n);

    /** sin[i] = DeterministicMath.sin(angle[i]), cos[i] = DeterministicMath.cos(angle[i]) for i &lt; n. */
    void sinCos(double[] angle, double[] sin, double[] cos, int n);

    /** "scalar" or "vector-&lt;bits&gt;". */
    String name();
}
