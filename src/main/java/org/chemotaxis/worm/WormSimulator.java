package org.chemotaxis.worm;

import java.util.List;

/**
 * Runs batches of worm episodes in lockstep in the world of DESIGN.md. Each world step, for
 * every worm: the controller sees C at the head (times 1 + eta N(0,1) when sensorNoise &gt; 0)
 * and the sweep phase; then
 * <pre>
 *   mu += dt (A sin(phase) + clip(omega, +/-maxTurn) + xi),  xi ~ N(0, headingNoise^2)
 *   with probability rate dt: mu = uniform in [0, 2 pi)      (a pirouette)
 *   x += dt v cos mu,  y += dt v sin mu                        (reflected at a disk wall)
 * </pre>
 * and the distance r to the peak is accumulated. The score of an episode is
 * F = max(0, 1 - mean_t r / r0) (Izquierdo and Lockery 2010), the mean over the positions after
 * steps 1 .. N.
 *
 * <p>Episode {@code i} draws all its randomness from one stream keyed by
 * (seed, EPISODE, step, firstIndex + i), in a fixed order per step that does not depend on what
 * the controller does (start angle, heading, phase; then per step: sensor normal, heading normal,
 * pirouette uniform, new-heading uniform). So one episode is reproducible alone, and two
 * controllers run on the same key meet the same noise (common random numbers). When the world
 * gives a range of sensor noise, episode i's eta comes from the key (seed, DATA_NOISE, step,
 * firstIndex + i). A simulator built on several fields (a family, for training on more than one
 * gradient) gives episode i the field picked uniformly by the key (seed, FIELD, step,
 * firstIndex + i); its start, peak and score refer to that field. With one field nothing is drawn.
 *
 * <p>Not thread-safe; owns its buffers, so runs do not allocate. StrictMath throughout.
 */
public final class WormSimulator {

    private static final double TWO_PI = 2 * Math.PI;

    private final ConcentrationField[] fields;
    private final List<ConcentrationField> fieldList;
    private final WorldConfig world;
    /** The wall of a disk arena (unused in an open one). */
    private final WallBounce bounce;
    private final int capacity;

    private final EpisodeRandom[] rng;
    private final double[] x;
    private final double[] y;
    private final double[] mu;
    private final double[] r0;
    private final double[] sumR;
    private final double[] reachTime;
    private final double[] concentration;
    private final double[] sinPhi0;
    private final double[] cosPhi0;
    private final double[] sinPhase;
    private final double[] cosPhase;
    private final double[] turn;
    private final double[] rate;
    private final double[] eta;
    /** The field, and its peak, of each episode of the last run. */
    private final ConcentrationField[] episodeField;
    private final double[] peakX;
    private final double[] peakY;
    private int count;
    private int steps;

    public WormSimulator(ConcentrationField field, WorldConfig world, int capacity) {
        this(field == null ? null : List.of(field), world, capacity);
    }

    /** A simulator whose episodes each run on one field of {@code fields}, picked per episode. */
    public WormSimulator(List<ConcentrationField> fields, WorldConfig world, int capacity) {
        if (fields == null || fields.isEmpty() || fields.stream().anyMatch(f -> f == null) || world == null) {
            throw new IllegalArgumentException("at least one field, and the world, must be given");
        }
        this.fields = fields.toArray(new ConcentrationField[0]);
        this.fieldList = List.of(this.fields);
        this.world = world;
        this.bounce = new WallBounce(world.arena());
        this.capacity = Checks.positive(capacity, "capacity");
        rng = new EpisodeRandom[capacity];
        for (int i = 0; i < capacity; i++) {
            rng[i] = new EpisodeRandom();
        }
        x = new double[capacity];
        y = new double[capacity];
        mu = new double[capacity];
        r0 = new double[capacity];
        sumR = new double[capacity];
        reachTime = new double[capacity];
        concentration = new double[capacity];
        sinPhi0 = new double[capacity];
        cosPhi0 = new double[capacity];
        sinPhase = new double[capacity];
        cosPhase = new double[capacity];
        turn = new double[capacity];
        rate = new double[capacity];
        eta = new double[capacity];
        episodeField = new ConcentrationField[capacity];
        peakX = new double[capacity];
        peakY = new double[capacity];
        for (ConcentrationField f : this.fields) {
            checkStartInsideArena(f);
        }
    }

    /** The (first) field: the one every episode runs on unless the simulator has a family. */
    public ConcentrationField field() {
        return fields[0];
    }

    /** The field of episode i of the last run. */
    public ConcentrationField field(int i) {
        check(i);
        return episodeField[i];
    }

    public WorldConfig world() {
        return world;
    }

    public int capacity() {
        return capacity;
    }

    /** Runs episodes firstIndex .. firstIndex + count - 1 of (seed, step). */
    public void run(Controller controller, long seed, long step, long firstIndex, int count) {
        run(controller, seed, step, firstIndex, count, null);
    }

    /**
     * Runs episodes firstIndex .. firstIndex + count - 1 of (seed, step), showing every
     * position to {@code observer} (may be null). Results stay readable until the next run.
     */
    public void run(Controller controller, long seed, long step, long firstIndex, int count,
                    TrajectoryObserver observer) {
        if (count <= 0 || count > capacity) {
            throw new IllegalArgumentException("count must be in 1.." + capacity + ", but was " + count);
        }
        this.count = count;
        final double dt = world.dt();
        final double v = world.speed();
        final double amp = world.sweepAmplitude();
        final double sweepRate = TWO_PI / world.sweepPeriod();
        final double maxTurn = world.maxTurnRate();
        final double xiSd = world.headingNoise();
        final double reach = world.reachRadius();
        final Arena arena = world.arena();
        final boolean walled = !arena.isOpen();
        final int n = world.steps();
        steps = n;

        for (int i = 0; i < count; i++) {
            EpisodeStart e = EpisodeStart.of(fieldList, world, seed, step, firstIndex + i, rng[i]);
            episodeField[i] = e.field();
            peakX[i] = e.field().peakX();
            peakY[i] = e.field().peakY();
            eta[i] = e.eta();
            x[i] = e.x();
            y[i] = e.y();
            r0[i] = e.r0();
            mu[i] = e.heading();
            sinPhi0[i] = e.sinPhi0();
            cosPhi0[i] = e.cosPhi0();
            sumR[i] = 0;
            reachTime[i] = r0[i] <= reach ? 0 : Double.NaN;
        }
        controller.reset(count, dt);
        if (observer != null) {
            observer.observe(0, 0, x, y, count);
        }

        for (int s = 0; s < n; s++) {
            final double t = s * dt;
            // sin/cos(phi0 + w t) by the addition theorem: two StrictMath calls per step, not per worm.
            final double sinWt = StrictMath.sin(sweepRate * t);
            final double cosWt = StrictMath.cos(sweepRate * t);
            for (int i = 0; i < count; i++) {
                double c = episodeField[i].at(x[i], y[i]);
                double noise = rng[i].nextGaussian();
                if (eta[i] > 0) {
                    c *= 1 + eta[i] * noise;
                    c = c > ConcentrationField.FLOOR ? c : ConcentrationField.FLOOR;
                }
                concentration[i] = c;
                sinPhase[i] = sinPhi0[i] * cosWt + cosPhi0[i] * sinWt;
                cosPhase[i] = cosPhi0[i] * cosWt - sinPhi0[i] * sinWt;
            }
            controller.step(t, concentration, sinPhase, cosPhase, count, turn, rate);
            final double tNext = (s + 1) * dt;
            for (int i = 0; i < count; i++) {
                EpisodeRandom r = rng[i];
                double omega = turn[i];
                omega = omega > maxTurn ? maxTurn : (omega < -maxTurn ? -maxTurn : omega);
                double xi = xiSd * r.nextGaussian();
                double m = mu[i] + dt * (amp * sinPhase[i] + omega + xi);
                double uTurn = r.nextDouble();
                double uHeading = r.nextDouble();
                if (uTurn < rate[i] * dt) {
                    m = TWO_PI * uHeading;
                }
                double cosM = StrictMath.cos(m);
                double sinM = StrictMath.sin(m);
                double xn = x[i] + dt * v * cosM;
                double yn = y[i] + dt * v * sinM;
                if (walled) {
                    bounce.step(xn, yn, cosM, sinM, m);
                    xn = bounce.x;
                    yn = bounce.y;
                    m = bounce.heading;
                }
                // Keep mu small so that sin/cos keep full precision over long episodes.
                mu[i] = m - TWO_PI * Math.floor(m / TWO_PI);
                x[i] = xn;
                y[i] = yn;
                double ex = xn - peakX[i];
                double ey = yn - peakY[i];
                double dist = Math.sqrt(ex * ex + ey * ey);
                sumR[i] += dist;
                if (dist <= reach && Double.isNaN(reachTime[i])) {
                    reachTime[i] = tNext;
                }
            }
            if (observer != null) {
                observer.observe(s + 1, tNext, x, y, count);
            }
        }
    }

    /** The sensor noise eta of episode i of the last run. */
    public double sensorNoise(int i) {
        check(i);
        return eta[i];
    }

    private void checkStartInsideArena(ConcentrationField field) {
        Arena a = world.arena();
        if (a.isOpen()) {
            return;
        }
        Start s = world.start();
        double far;
        if (s instanceof Start.Ring ring) {
            far = Math.hypot(field.peakX() - a.centerX(), field.peakY() - a.centerY()) + ring.distance();
        } else {
            Start.Point p = (Start.Point) s;
            far = Math.hypot(p.x() - a.centerX(), p.y() - a.centerY());
        }
        if (far > a.radius()) {
            throw new IllegalArgumentException("arena radius must hold every start, i.e. be >= " + far
                    + ", but was " + a.radius() + " (world.arena.radius)");
        }
        if (s instanceof Start.Point p && p.x() == field.peakX() && p.y() == field.peakY()) {
            throw new IllegalArgumentException("start point must differ from the peak, but both were ("
                    + p.x() + ", " + p.y() + ") (world.start)");
        }
    }

    /** Episodes in the last run. */
    public int count() {
        return count;
    }

    /** World steps in the last run. */
    public int steps() {
        return steps;
    }

    /** F = max(0, 1 - mean r / r0) of episode i of the last run. */
    public double score(int i) {
        // Math.max keeps a NaN (a diverged controller) visible.
        return Math.max(0, rawScore(i));
    }

    /** 1 - mean r / r0, not clipped at 0. */
    public double rawScore(int i) {
        return 1 - meanDistance(i) / r0[i];
    }

    /** mean over steps 1..N of the distance to the peak, cm. */
    public double meanDistance(int i) {
        check(i);
        return sumR[i] / steps;
    }

    /** r0: the distance from the start to the peak, cm. */
    public double startDistance(int i) {
        check(i);
        return r0[i];
    }

    /** Time of the first step that ended within the reach radius, s; NaN if never. */
    public double reachTime(int i) {
        check(i);
        return reachTime[i];
    }

    public double x(int i) {
        check(i);
        return x[i];
    }

    public double y(int i) {
        check(i);
        return y[i];
    }

    /** The final heading, rad in [0, 2 pi). */
    public double heading(int i) {
        check(i);
        return mu[i];
    }

    private void check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("episode " + i + " outside 0.." + (count - 1));
        }
    }
}
