package org.chemotaxis.kernel;

/**
 * Chooses the {@link RecurrentBlock} and {@link CtrnnBlock} implementations. All of them give
 * the same bits, so the choice changes speed only: nodes with and without the vector module agree.
 */
public final class Kernels {

    /** System property: {@code scalar} forces the plain-Java kernel; anything else means automatic. */
    public static final String PROPERTY = "chemotaxis.kernel";

    private Kernels() {
    }

    private static final RecurrentBlock PREFERRED =
            choose("org.chemotaxis.kernel.VectorBlock", RecurrentBlock.class, ScalarBlock.INSTANCE);
    private static final CtrnnBlock PREFERRED_CTRNN =
            choose("org.chemotaxis.kernel.CtrnnVectorBlock", CtrnnBlock.class, CtrnnScalarBlock.INSTANCE);

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

    /** The CTRNN step chosen as {@link #preferred()} is: on the Vector API where it is present. */
    public static CtrnnBlock preferredCtrnn() {
        return PREFERRED_CTRNN;
    }

    public static CtrnnBlock scalarCtrnn() {
        return CtrnnScalarBlock.INSTANCE;
    }


    private static <T> T choose(String vectorClass, Class<T> type, T scalar) {
        if ("scalar".equalsIgnoreCase(System.getProperty(PROPERTY, "auto"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return scalar;
        }
        try {
            // By name, so that the vector classes are never linked where the module is absent.
            Class<?> c = Class.forName(vectorClass);
            if ((int) c.getDeclaredMethod("lanes").invoke(null) < 2) {
                return scalar;
            }
            return type.cast(c.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return scalar;
        }
    }
}
