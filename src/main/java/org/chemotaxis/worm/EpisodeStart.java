package org.chemotaxis.worm;

import java.util.List;
import org.chemotaxis.util.RandomStreams;
import org.chemotaxis.util.RandomStreams.Purpose;

/**
 * How episode (seed, step, index) begins: its field, its sensor noise eta, and its start drawn
 * from the first three numbers of its stream (start angle, heading, sweep phase), as
 * {@link WormSimulator} describes. Shared by the simulators so that they start every episode
 * identically; StrictMath throughout (once per episode, not per step).
 */
record EpisodeStart(ConcentrationField field, double eta, double x, double y, double r0, double heading,
                    double sinPhi0, double cosPhi0) {

    private static final double TWO_PI = 2 * Math.PI;

    /** Reseeds {@code rng} with the episode's key and draws the start; rng is left after the three draws. */
    static EpisodeStart of(List<ConcentrationField> fields, WorldConfig world, long seed, long step, long index,
                           EpisodeRandom rng) {
        ConcentrationField f = fields.size() == 1 ? fields.get(0)
                : fields.get((int) (uniform(RandomStreams.key(seed, Purpose.FIELD, step, index)) * fields.size()));
        double etaLow = world.sensorNoise();
        double etaSpan = world.sensorNoiseMax() - etaLow;
        // A stream apart from the episode's, so that a range of eta leaves every other draw as it was.
        double eta = etaSpan > 0 ? etaLow + etaSpan * uniform(RandomStreams.key(seed, Purpose.DATA_NOISE, step, index))
                : etaLow;
        rng.reseed(RandomStreams.key(seed, Purpose.EPISODE, step, index));
        double uAngle = rng.nextDouble();
        double uHeading = rng.nextDouble();
        double uPhase = rng.nextDouble();
        double px = f.peakX();
        double py = f.peakY();
        Start start = world.start();
        double x;
        double y;
        if (start instanceof Start.Ring ring) {
            double a = TWO_PI * uAngle;
            x = px + ring.distance() * StrictMath.cos(a);
            y = py + ring.distance() * StrictMath.sin(a);
        } else {
            Start.Point p = (Start.Point) start;
            x = p.x();
            y = p.y();
        }
        double dx = px - x;
        double dy = py - y;
        double r0 = Math.sqrt(dx * dx + dy * dy);
        double heading = start.heading() == Start.Heading.TOWARD_PEAK ? StrictMath.atan2(dy, dx) : TWO_PI * uHeading;
        double phi0 = TWO_PI * uPhase;
        return new EpisodeStart(f, eta, x, y, r0, heading, StrictMath.sin(phi0), StrictMath.cos(phi0));
    }

    /** A uniform number in [0, 1) from one 64-bit key, without a generator object. */
    private static double uniform(long key) {
        return (RandomStreams.mix(key) >>> 11) * 0x1.0p-53;
    }
}
