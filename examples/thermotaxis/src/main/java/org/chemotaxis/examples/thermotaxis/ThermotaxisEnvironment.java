package org.chemotaxis.examples.thermotaxis;

import java.util.random.RandomGenerator;
import org.chemotaxis.api.Environment;

/**
 * One worm on the plate, one episode at a time. Every random number (start, heading, sweep phase,
 * sensor noise) comes from the episode's generator that {@link #reset} is handed, and the
 * arithmetic is {@link StrictMath}, so an episode is the same on every JVM and every worker.
 */
final class ThermotaxisEnvironment implements Environment {

    private static final double TWO_PI = 2 * StrictMath.PI;
    /** Uniform noise of standard deviation 1: sqrt(3) (2u - 1). No Gaussian: its JDK algorithm may change. */
    private static final double UNIT_UNIFORM = StrictMath.sqrt(3);

    private final Thermotaxis p;
    private final double alpha;
    private final double sweepStep;
    private final double rateScale;

    private RandomGenerator random;
    private double x;
    private double y;
    private double heading;
    private double phase;
    private double filtered;

    ThermotaxisEnvironment(Thermotaxis problem) {
        this.p = problem;
        this.alpha = problem.dt() / problem.tau();
        this.sweepStep = TWO_PI * problem.dt() / problem.sweepPeriod();
        this.rateScale = problem.plate().gradient() * problem.speed();
    }

    @Override
    public void reset(RandomGenerator random, double[] observation) {
        this.random = random;
        Plate plate = p.plate();
        double r = plate.isothermRadius() + (2 * random.nextDouble() - 1) * p.startOffset() / plate.gradient();
        double where = TWO_PI * random.nextDouble();
        x = r * StrictMath.cos(where);
        y = r * StrictMath.sin(where);
        heading = TWO_PI * random.nextDouble();
        phase = TWO_PI * random.nextDouble();
        filtered = sensed();
        observe(0, observation);
    }

    @Override
    public double step(double[] action, double[] observation) {
        heading += p.turnMax() * StrictMath.tanh(action[0]) * p.dt();
        x += p.speed() * p.dt() * StrictMath.cos(heading);
        y += p.speed() * p.dt() * StrictMath.sin(heading);
        phase += sweepStep;
        if (phase >= TWO_PI) {
            phase -= TWO_PI;
        }
        double before = filtered;
        filtered += alpha * (sensed() - filtered);
        observe((filtered - before) / p.dt(), observation);
        return -StrictMath.abs(p.plate().temperature(x, y) - p.plate().cultivation()) / p.steps();
    }

    /** The temperature at the head, swept sideways, with sensor noise. */
    private double sensed() {
        double side = p.sweepAmplitude() * StrictMath.sin(phase);
        double hx = x - side * StrictMath.sin(heading);
        double hy = y + side * StrictMath.cos(heading);
        double noise = p.sensorNoise() * UNIT_UNIFORM * (2 * random.nextDouble() - 1);
        return p.plate().temperature(hx, hy) + noise;
    }

    private void observe(double rate, double[] observation) {
        observation[0] = filtered - p.plate().cultivation();
        observation[1] = rate / rateScale;
        observation[2] = StrictMath.sin(phase);
        observation[3] = StrictMath.cos(phase);
    }

    /** Episodes end after the problem's steps. */
    @Override
    public boolean done() {
        return false;
    }
}
