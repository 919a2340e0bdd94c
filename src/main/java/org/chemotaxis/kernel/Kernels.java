package org.chemotaxis.kernel;

/**
 * Chooses the {@link RecurrentBlock} implementation. All of them give the same bits, so the
 * choice changes speed only: nodes with and without the vector module agree.
 */
public final class Kernels {

    /** System property: {@code scalar} forces the plain-Java kernel; anything else means automatic. */
    public static final String PROPERTY = "chemotaxis.kernel";

    private Kernels() {
    }

    private static final RecurrentBlock PREFERRED = choose();

    /**
     * The fastest implementation available in this JVM: the Vector API one when the module
     * {@code jdk.incubator.vector} is present (run with {@code --add-modules jdk.incubator.vector})
     * and vectors hold at least two doubles, else {@link ScalarBlock}.
     */
    public static RecurrentBlock preferred() {
        return PREFERRED;
    }

    public static RecurrentBlock scalar() {
        return ScalarBlock.INSTANCE;
    }

    private static RecurrentBlock choose() {
        if ("scalar".equalsIgnoreCase(System.getProperty(PROPERTY, "auto"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return ScalarBlock.INSTANCE;
        }
        try {
            // By name, so that the vector classes are never linked where the module is absent.
            Class<?> c = Class.forName("org.chemotaxis.kernel.VectorBlock");
            if ((int) c.getDeclaredMethod("lanes").invoke(null) < 2) {
                return ScalarBlock.INSTANCE;
            }
            return (RecurrentBlock) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return ScalarBlock.INSTANCE;
        }
    }
}
