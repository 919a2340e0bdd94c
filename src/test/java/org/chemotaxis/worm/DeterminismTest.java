package org.chemotaxis.worm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.chemotaxis.util.RandomStreams;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    /** Sensor noise on, so that every kind of draw is exercised. */
    private static final WorldConfig WORLD = WorldConfig.defaults().withDuration(60).withSensorNoise(0.05);

    private static List<Trajectory> paths(long seed, long step, long first, int count) {
        WormSimulator sim = new WormSimulator(GaussianField.standard(), WORLD, count);
        TrajectoryRecorder rec = new TrajectoryRecorder(count, 1);
        sim.run(Baselines.create("combined"), seed, step, first, count, rec);
        return rec.trajectories();
    }

    @Test
    void theEpisodeStreamIsTheRandomStreamsStream() {
        EpisodeRandom mine = new EpisodeRandom();
        mine.reseed(RandomStreams.key(5, RandomStreams.Purpose.EPISODE, 7, 9));
        SplittableRandom ref = RandomStreams.stream(5, RandomStreams.Purpose.EPISODE, 7, 9);
        for (int i = 0; i < 1000; i++) {
            if (i % 2 == 0) {
                assertEquals(ref.nextLong(), mine.nextLong());
            } else {
                assertEquals(ref.nextDouble(), mine.nextDouble());
            }
        }
    }

    @Test
    void gaussianDrawsHaveUnitVariance() {
        EpisodeRandom r = new EpisodeRandom();
        r.reseed(42);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        double sum4 = 0;
        for (int i = 0; i < n; i++) {
            double z = r.nextGaussian();
            sum += z;
            sumSq += z * z;
            sum4 += z * z * z * z;
        }
        assertEquals(0, sum / n, 5 / Math.sqrt(n));
        assertEquals(1, sumSq / n, 5 * Math.sqrt(2.0 / n));
        assertEquals(3, sum4 / n, 5 * Math.sqrt(96.0 / n), "fourth moment of a normal");
    }

    @Test
    void theSameEpisodeKeyGivesTheSameTrajectory() {
        assertEquals(paths(3, 1, 0, 4), paths(3, 1, 0, 4));
    }

    @Test
    void aDifferentSeedStepOrIndexGivesAnotherTrajectory() {
        Trajectory base = paths(3, 1, 0, 1).get(0);
        assertNotEquals(base, paths(4, 1, 0, 1).get(0));
        assertNotEquals(base, paths(3, 2, 0, 1).get(0));
        assertNotEquals(base, paths(3, 1, 1, 1).get(0));
    }

    @Test
    void anEpisodeRunAloneEqualsTheSameEpisodeInABatch() {
        List<Trajectory> batch = paths(8, 0, 0, 5);
        for (int i = 0; i < 5; i += 2) {
            assertEquals(batch.get(i), paths(8, 0, i, 1).get(0), "episode " + i);
        }
    }
}
