package org.chemotaxis.worm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A range of sensor noise: every episode draws its own eta, and nothing else changes. */
class SensorNoiseRangeTest {

    private static final WorldConfig WORLD = WorldConfig.defaults().withDuration(30);

    @Test
    void eachEpisodeDrawsItsEtaFromTheRange() {
        WormSimulator sim = new WormSimulator(GaussianField.standard(), WORLD.withSensorNoise(0.02, 0.1), 200);
        sim.run(Baselines.create("combined"), 5, 0, 0, 200);
        Set<Double> seen = new HashSet<>();
        double sum = 0;
        for (int i = 0; i < 200; i++) {
            double eta = sim.sensorNoise(i);
            assertTrue(eta >= 0.02 && eta < 0.1, "eta " + eta);
            seen.add(eta);
            sum += eta;
        }
        assertEquals(200, seen.size());
        // Uniform on [0.02, 0.1): mean 0.06, sd of the mean of 200 draws 0.08 / sqrt(12 * 200) = 0.0016.
        assertEquals(0.06, sum / 200, 5 * 0.0016);
    }

    @Test
    void anEpisodeWithARangeIsThatEpisodeWithItsEtaFixed() {
        // The eta comes from a stream of its own: episode 7 of a range run moves exactly as
        // episode 7 run alone in a world whose single eta is the one it drew.
        WormSimulator range = new WormSimulator(GaussianField.standard(), WORLD.withSensorNoise(0, 0.2), 10);
        range.run(Baselines.create("combined"), 3, 1, 0, 10);
        double eta = range.sensorNoise(7);
        WormSimulator fixed = new WormSimulator(GaussianField.standard(), WORLD.withSensorNoise(eta), 1);
        fixed.run(Baselines.create("combined"), 3, 1, 7, 1);
        assertEquals(eta, fixed.sensorNoise(0));
        assertEquals(range.x(7), fixed.x(0));
        assertEquals(range.y(7), fixed.y(0));
        assertEquals(range.score(7), fixed.score(0));
    }

    @Test
    void aBackwardRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WORLD.withSensorNoise(0.2, 0.1));
        assertEquals("sensor noise range must have min <= max, but was [0.2, 0.1] (world.sensor_noise)", e.getMessage());
    }
}
