package org.chemotaxis.worm;

/**
 * A static chemical field on the plane (units cm). Implementations are immutable and
 * thread-safe, and floor their value at {@link #FLOOR} so that ln C is always defined.
 */
public interface ConcentrationField {

    /** The smallest concentration any field returns. */
    double FLOOR = 1e-9;

    /** The concentration at (x, y), at least {@link #FLOOR}. */
    double at(double x, double y);

    /** x of the point the worms are scored against (the attractant peak). */
    double peakX();

    /** y of the point the worms are scored against (the attractant peak). */
    double peakY();
}
