package org.chemotaxis.examples.thermotaxis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.chemotaxis.api.Parameters;
import org.chemotaxis.api.SampleKey;
import org.chemotaxis.problem.ClosedLoopScore;
import org.chemotaxis.problem.ProblemChecks;
import org.chemotaxis.problem.ProblemSamples;
import org.junit.jupiter.api.Test;

class ThermotaxisTest {

    private final ThermotaxisFactory factory = new ThermotaxisFactory();

    private Thermotaxis problem(Map<String, ?> params) {
        return (Thermotaxis) factory.create(Parameters.of(factory.parameters(), params));
    }

    @Test
    void keepsTheDeterminismRules() {
        ProblemChecks.sameResultTwice(factory, Map.of());
        ProblemChecks.sameResultTwice(factory, Map.of("sensor_noise", 0.05, "steps", 40, "sweep_amplitude", 0.1));
        ProblemChecks.noRandomnessOfItsOwn(factory, Map.of("steps", 60));
    }

    @Test
    void rejectsParametersItCannotWorkWith() {
        ProblemChecks.rejectsBadParameters(factory, "gradient", -0.5);
        ProblemChecks.rejectsBadParameters(factory, "t_cultivation", 30.0);
        ProblemChecks.rejectsBadParameters(factory, "start_offset", 6.0);
        ProblemChecks.rejectsBadParameters(factory, "tau", 1.0);
        ProblemChecks.rejectsBadParameters(factory, "steps", 0);
        ProblemChecks.rejectsBadParameters(factory, "speed", 0.0);
        ProblemChecks.rejectsBadParameters(factory, "sensor_noise", -1.0);
        ProblemChecks.rejectsBadParameters(factory, "dt", "fast");
    }

    /** A worm that never turns crawls a straight line: its return, recomputed from its start alone. */
    @Test
    void aStraightWormsReturnIsTheDeviationAlongItsLine() {
        Thermotaxis p = problem(Map.of("steps", 50));
        SampleKey key = ProblemSamples.trainingKey(3, 0, 0, 6);
        double[] returns = ClosedLoopScore.returns(p, new Controller.Straight(), key);
        for (int i = 0; i < 6; i++) {
            // The draws of reset, in its order: start radius, start angle, heading.
            RandomGenerator r = key.random(i);
            double radius = 10 + (2 * r.nextDouble() - 1) * 1.5 / 0.5;
            double where = 2 * Math.PI * r.nextDouble();
            double heading = 2 * Math.PI * r.nextDouble();
            double expected = 0;
            for (int t = 1; t <= 50; t++) {
                double x = radius * Math.cos(where) + 0.02 * 2.0 * t * Math.cos(heading);
                double y = radius * Math.sin(where) + 0.02 * 2.0 * t * Math.sin(heading);
                expected -= Math.abs(25 - 0.5 * Math.hypot(x, y) - 20) / 50;
            }
            assertEquals(expected, returns[i], 1e-9, "episode " + i);
        }
    }

    /** Without noise, sweep or filter lag, the worm senses the plate's temperature and the rate of crawling up it. */
    @Test
    void observesTheTemperatureErrorAndItsRate() {
        Thermotaxis p = problem(Map.of("sensor_noise", 0.0, "sweep_amplitude", 0.0, "tau", 2.0));
        ThermotaxisEnvironment env = (ThermotaxisEnvironment) p.newEnvironment();
        double[] o = new double[4];
        RandomGenerator r = ProblemSamples.trainingKey(4, 0, 0, 1).random(0);
        env.reset(r, o);
        double before = o[0];
        double turn = 0.8;
        for (int t = 0; t < 30; t++) {
            double previous = o[0];
            env.step(new double[] {turn}, o);
            // The rate is the change of the error per second, in units of gradient x speed.
            assertEquals((o[0] - previous) / 2.0 / (0.5 * 0.02), o[1], 1e-9);
            assertTrue(Math.abs(o[1]) <= 1 + 1e-9, "crawling cannot change the temperature faster than g v: " + o[1]);
            assertEquals(1, o[2] * o[2] + o[3] * o[3], 1e-12);
        }
        assertTrue(before != o[0], "the worm moved");
    }

    @Test
    void klinotaxisFindsTheIsothermAndCrawlingStraightDoesNot() {
        Thermotaxis p = problem(Map.of());
        SampleKey fresh = ProblemSamples.trainingKey(99, 5, 0, 64);
        double straight = ClosedLoopScore.metric(p, new Controller.Straight(), fresh);
        double klinotaxis = ClosedLoopScore.metric(p, new Controller.Klinotaxis(0.5, 1.0), fresh);
        // Starts are up to 1.5 degrees off (0.75 on average); a straight line drifts further.
        assertTrue(straight > 0.75, "straight: " + straight);
        assertTrue(klinotaxis < straight / 3, "klinotaxis " + klinotaxis + " vs straight " + straight);
    }
}
