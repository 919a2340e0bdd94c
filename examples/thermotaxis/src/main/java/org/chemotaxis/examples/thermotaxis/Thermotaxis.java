package org.chemotaxis.examples.thermotaxis;

import org.chemotaxis.api.ClosedLoopProblem;
import org.chemotaxis.api.Environment;

/**
 * Isothermal tracking by C. elegans: a worm crawls at constant speed on a {@link Plate} and
 * steers by its turning rate, sensing the temperature at its head. It starts at most
 * {@code startOffset} degrees off its cultivation temperature, with a random heading, and should
 * reach the isotherm and then crawl along it.
 *
 * <p>The network sees four numbers each step: the sensed temperature's error (low-pass filtered,
 * degrees C above the cultivation temperature), its rate of change in units of the largest rate
 * crawling can give (gradient x speed, so -1 .. 1 without noise), and the phase of the head sweep
 * as sin and cos. It writes one: the turning rate is {@code turnMax * tanh(action)}. Each step
 * pays {@code -|T(body) - T_c| / steps}, so an episode's return is minus the time-averaged
 * distance from the cultivation temperature in degrees C, and the loss (minus the mean return)
 * is that deviation averaged over the episodes: lower is better, and it is also the metric.
 *
 * <p>Immutable: the episode's state lives in {@link ThermotaxisEnvironment}.
 */
record Thermotaxis(Plate plate, double startOffset, double speed, double turnMax, double dt, int steps,
        double tau, double sensorNoise, double sweepPeriod, double sweepAmplitude) implements ClosedLoopProblem {

    static final int OBSERVATIONS = 4;

    @Override
    public int observationSize() {
        return OBSERVATIONS;
    }

    @Override
    public int actionSize() {
        return 1;
    }

    @Override
    public int maxSteps() {
        return steps;
    }

    @Override
    public Environment newEnvironment() {
        return new ThermotaxisEnvironment(this);
    }

    @Override
    public String metricName() {
        return "deviation_C";
    }

    /** The loss already is the mean deviation in degrees C; lower is better. */
    @Override
    public double metric(double loss) {
        return loss;
    }
}
