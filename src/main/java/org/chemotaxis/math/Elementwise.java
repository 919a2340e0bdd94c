package org.chemotaxis.math;

/**
 * Chooses the {@link ElementwiseMath} implementation: on the Vector API where this JVM has it,
 * else plain Java. Both give the same bits, so the choice changes speed only.
 */
public final class Elementwise {

    /** System property: {@code scalar} forces the plain-Java functions; anything else means automatic. */
    public static final String PROPERTY = "chemotaxis.kernel";

    private static final ElementwiseMath PREFERRED = choose();

    private Elementwise() {
    }

    /** exp, log, tanh, sin and cos over arrays, the fastest implementation available here. */
    public static ElementwiseMath preferred() {
        return PREFERRED;
    }

    public static ElementwiseMath scalar() {
        return ScalarElementwise.INSTANCE;
    }

    private static ElementwiseMath choose() {
        if ("scalar".equalsIgnoreCase(System.getProperty(PROPERTY, "auto"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return ScalarElementwise.INSTANCE;
        }
        try {
            // By name, so that the vector class is never linked where the module is absent.
            Class<?> c = Class.forName("org.chemotaxis.math.VectorElementwise");
            if ((int) c.getDeclaredMethod("lanes").invoke(null) < 2) {
                return ScalarElementwise.INSTANCE;
            }
            return (ElementwiseMath) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return ScalarElementwise.INSTANCE;
        }
    }
}
