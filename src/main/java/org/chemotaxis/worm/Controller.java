package org.chemotaxis.worm;

/**
 * The worm's nervous system: it sees only the concentration at the head and the phase of the
 * head sweep, and sets a turning rate and a pirouette rate. One controller drives a batch of
 * worms in lockstep (rows 0 .. count-1), each row an independent episode; a row's outputs
 * must depend on that row's inputs only, so that an episode gives the same result alone or in
 * any batch. Controllers keep per-row state and are not thread-safe.
 */
public interface Controller {

    /** A short name for reports ("combined", "network"). */
    String name();

    /**
     * Starts {@code count} new episodes whose world step is {@code dt} seconds; forgets all
     * earlier state.
     */
    void reset(int count, double dt);

    /**
     * One world step at time {@code t} (s since the episode start, the same for all rows).
     *
     * @param concentration the sensed concentration per row, floored at {@link ConcentrationField#FLOOR} (read)
     * @param sinPhase      sin of the head-sweep phase 2 pi t / period + phi0, per row (read)
     * @param cosPhase      cos of that phase, per row (read); the sweep turns the head at
     *                      A sinPhase rad/s, so the head's offset from its mean heading is
     *                      proportional to -cosPhase
     * @param turn          the turning rate per row, rad/s (written; the world clips it)
     * @param pirouetteRate the pirouette rate per row, 1/s (written; negative counts as 0)
     */
    void step(double t, double[] concentration, double[] sinPhase, double[] cosPhase, int count, double[] turn,
              double[] pirouetteRate);
}
