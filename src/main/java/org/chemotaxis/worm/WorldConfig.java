package org.chemotaxis.worm;

/**
 * The chemotaxis world of DESIGN.md ("Chemotaxis world (experiment1)"); immutable. Units cm, s,
 * rad.
 *
 * <p>Heading noise: the spec's "xi ~ N(0, 0.05) rad/s drawn each step" is read literally:
 * {@code headingNoise} is the standard deviation of a turning rate xi drawn fresh every step,
 * which enters as mu += dt * xi (so the heading moves by dt * 0.05 rad rms per step). Under
 * this reading the heading diffusion scales with dt (variance per second headingNoise^2 * dt)
 * and is tiny next to the head sweep and the pirouettes. It reproduces the reference numbers of
 * DESIGN.md (400 starts: none 0.07, pirouette 0.64, weathervane 0.64, combined 0.72), as does
 * white noise of 0.05 rad/sqrt(s); white noise of variance 0.05 rad^2/s does not (pirouette
 * 0.60, weathervane 0.62, combined 0.67).
 *
 * @param speed          v, cm/s (0.022)
 * @param dt             world step, s (0.01; coarser for training)
 * @param duration       episode length, s (500)
 * @param sweepAmplitude A of the head sweep A sin(2 pi t / sweepPeriod + phi0), rad/s (0.75)
 * @param sweepPeriod    s (4.2)
 * @param maxTurnRate    the controller's turning rate is clipped to +/- this, rad/s (3)
 * @param headingNoise   standard deviation of xi, rad/s (0.05), see above
 * @param sensorNoise    eta: the sensed concentration is C (1 + eta N(0,1)), floored (0); with
 *                       sensorNoiseMax above it, the lowest eta of a range (see there)
 * @param sensorNoiseMax the highest eta: each episode draws its own eta uniformly from
 *                       [sensorNoise, sensorNoiseMax] (domain randomisation, Tobin et al. 2017),
 *                       from a stream of its own so that the episode's other draws are those of
 *                       a fixed eta; equal to sensorNoise for one eta (0)
 * @param reachRadius    a worm has reached the peak once it is this close, cm (0.5)
 * @param start          where worms start (4.5 cm from the peak, random angle and heading)
 * @param arena          open plane or reflecting disk (open)
 */
public record WorldConfig(double speed, double dt, double duration, double sweepAmplitude, double sweepPeriod,
                          double maxTurnRate, double headingNoise, double sensorNoise, double sensorNoiseMax,
                          double reachRadius,
                          Start start, Arena arena) {

    public static final double SPEED = 0.022;
    public static final double DT = 0.01;
    public static final double DURATION = 500;
    public static final double SWEEP_AMPLITUDE = 0.75;
    public static final double SWEEP_PERIOD = 4.2;
    public static final double MAX_TURN_RATE = 3;
    public static final double HEADING_NOISE = 0.05;
    public static final double REACH_RADIUS = 0.5;
    public static final double START_DISTANCE = 4.5;

    public WorldConfig {
        Checks.positive(speed, "world.speed");
        Checks.positive(dt, "world.dt");
        Checks.positive(duration, "world.duration");
        Checks.nonNegative(sweepAmplitude, "world.sweep_amplitude");
        Checks.positive(sweepPeriod, "world.sweep_period");
        Checks.nonNegative(maxTurnRate, "world.max_turn_rate");
        Checks.nonNegative(headingNoise, "world.heading_noise");
        Checks.nonNegative(sensorNoise, "world.sensor_noise");
        Checks.nonNegative(sensorNoiseMax, "world.sensor_noise");
        if (sensorNoiseMax < sensorNoise) {
            throw new IllegalArgumentException("sensor noise range must have min <= max, but was [" + sensorNoise
                    + ", " + sensorNoiseMax + "] (world.sensor_noise)");
        }
        Checks.positive(reachRadius, "world.reach_radius");
        if (start == null) {
            throw new IllegalArgumentException("start must be given (world.start)");
        }
        if (arena == null) {
            throw new IllegalArgumentException("arena must be given (world.arena)");
        }
        if (dt > duration) {
            throw new IllegalArgumentException("dt must be <= duration " + duration + ", but was " + dt + " (world.dt)");
        }
        if (steps(duration, dt) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("duration / dt must be < 2^31, but was " + (duration / dt)
                    + " (world.duration)");
        }
    }

    /** The reference world of DESIGN.md. */
    public static WorldConfig defaults() {
        return new WorldConfig(SPEED, DT, DURATION, SWEEP_AMPLITUDE, SWEEP_PERIOD, MAX_TURN_RATE, HEADING_NOISE, 0, 0,
                REACH_RADIUS, Start.ring(START_DISTANCE), Arena.open());
    }

    /** World steps per episode: duration / dt rounded to the nearest integer. */
    public int steps() {
        return (int) steps(duration, dt);
    }

    private static long steps(double duration, double dt) {
        return Math.max(1, Math.round(duration / dt));
    }

    public WorldConfig withSpeed(double v) {
        return new WorldConfig(v, dt, duration, sweepAmplitude, sweepPeriod, maxTurnRate, headingNoise, sensorNoise,
                sensorNoiseMax, reachRadius, start, arena);
    }

    public WorldConfig withDt(double v) {
        return new WorldConfig(speed, v, duration, sweepAmplitude, sweepPeriod, maxTurnRate, headingNoise, sensorNoise,
                sensorNoiseMax, reachRadius, start, arena);
    }

    public WorldConfig withDuration(double v) {
        return new WorldConfig(speed, dt, v, sweepAmplitude, sweepPeriod, maxTurnRate, headingNoise, sensorNoise,
                sensorNoiseMax, reachRadius, start, arena);
    }

    public WorldConfig withSweepAmplitude(double v) {
        return new WorldConfig(speed, dt, duration, v, sweepPeriod, maxTurnRate, headingNoise, sensorNoise,
                sensorNoiseMax, reachRadius, start, arena);
    }

    public WorldConfig withSweepPeriod(double v) {
        return new WorldConfig(speed, dt, duration, sweepAmplitude, v, maxTurnRate, headingNoise, sensorNoise,
                sensorNoiseMax, reachRadius, start, arena);
    }

    public WorldConfig withMaxTurnRate(double v) {
        return new WorldConfig(speed, dt, duration, sweepAmplitude, sweepPeriod, v, headingNoise, sensorNoise,
                sensorNoiseMax, reachRadius, start, arena);
    }

    public WorldConfig withHeadingNoise(double v) {
        return new WorldConfig(speed, dt, duration, sweepAmplitude, sweepPeriod, maxTurnRate, v, sensorNoise,
                sensorNoiseMax, reachRadius, start, arena);
    }

    /** One eta for every episode. */
    public WorldConfig withSensorNoise(double v) {
        return new WorldConfig(speed, dt, duration, sweepAmplitude, sweepPeriod, maxTurnRate, headingNoise, v, v,
                reachRadius, start, arena);
    }

    /** Each episode draws its eta uniformly from [min, max]. */
    public WorldConfig withSensorNoise(double min, double max) {
        return new WorldConfig(speed, dt, duration, sweepAmplitude, sweepPeriod, maxTurnRate, headingNoise, min, max,
                reachRadius, start, arena);
    }

    public WorldConfig withReachRadius(double v) {
        return new WorldConfig(speed, dt, duration, sweepAmplitude, sweepPeriod, maxTurnRate, headingNoise,
                sensorNoise, sensorNoiseMax, v, start, arena);
    }

    public WorldConfig withStart(Start v) {
        return new WorldConfig(speed, dt, duration, sweepAmplitude, sweepPeriod, maxTurnRate, headingNoise,
                sensorNoise, sensorNoiseMax, reachRadius, v, arena);
    }

    public WorldConfig withArena(Arena v) {
        return new WorldConfig(speed, dt, duration, sweepAmplitude, sweepPeriod, maxTurnRate, headingNoise,
                sensorNoise, sensorNoiseMax, reachRadius, start, v);
    }
}
