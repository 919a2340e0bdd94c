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

    /** The fastest implementation available in this JVM. */
    public static RecurrentBlock preferred() {
        return ScalarBlock.INSTANCE;
    }

    public static RecurrentBlock scalar() {
        return ScalarBlock.INSTANCE;
    }
}
