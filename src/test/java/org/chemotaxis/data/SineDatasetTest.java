package org.chemotaxis.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.experiment.Datasets;
import org.chemotaxis.util.Interval;
import org.chemotaxis.util.RandomStreams;
import org.chemotaxis.util.RandomStreams.Purpose;
import org.junit.jupiter.api.Test;

class SineDatasetTest {

    @Test
    void valuesFollowTheClosedForm() {
        double f = 1.3;
        double phi = 0.4;
        double a = 2.0;
        double dt = 0.05;
        SineDataset d = new SineDataset(5, 3, 40, dt, Interval.of(f), Interval.of(phi), a, 0.0);
        assertEquals(3, d.size());
        assertEquals(40, d.length());
        assertEquals(1, d.inputSize());
        assertEquals(1, d.targetSize());
        for (int s = 0; s < 3; s++) {
            for (int t = 0; t < 40; t++) {
                double x = a * Math.sin(2 * Math.PI * f * t * dt + phi);
                double next = a * Math.sin(2 * Math.PI * f * (t + 1) * dt + phi);
                assertEquals(x, d.input(s, t, 0), 1e-12);
                assertEquals(next, d.target(s, t, 0), 1e-12);
            }
        }
        // The clean wave continues past the stored steps (for closed-loop comparison).
        assertEquals(a * Math.sin(2 * Math.PI * f * 123.5 * dt + phi), d.wave(1, 123.5), 1e-12);
    }

    @Test
    void targetIsTheNextInput() {
        SineDataset d = new SineDataset(3, 4, 30, 0.1, Interval.of(0.5, 2.0), Interval.of(0, 2 * Math.PI), 1.0, 0.0);
        for (int s = 0; s < 4; s++) {
            for (int t = 0; t + 1 < 30; t++) {
                assertEquals(d.input(s, t + 1, 0), d.target(s, t, 0), 0.0);
            }
        }
    }

    @Test
    void perSequenceDrawsComeFromTheDocumentedStreams() {
        long seed = 11;
        SineDataset d = new SineDataset(seed, 6, 20, 0.05, Interval.of(0.5, 2.0), Interval.of(0, 2 * Math.PI), 1.5, 0.0);
        for (int s = 0; s < 6; s++) {
            SplittableRandom r = RandomStreams.stream(seed, Purpose.DATA, 0, s);
            double f = 0.5 + 1.5 * r.nextDouble();
            double phi = 2 * Math.PI * r.nextDouble();
            assertEquals(f, d.frequency(s), 1e-15);
            assertEquals(phi, d.phase(s), 1e-15);
            assertEquals(1.5 * Math.sin(2 * Math.PI * f * 7 * 0.05 + phi), d.input(s, 7, 0), 1e-12);
        }
    }

    @Test
    void sequenceDoesNotDependOnCount() {
        SineDataset small = new SineDataset(7, 5, 25, 0.05, Interval.of(0.5, 2.0), Interval.of(0, 6.0), 1.0, 0.2);
        SineDataset large = new SineDataset(7, 50, 25, 0.05, Interval.of(0.5, 2.0), Interval.of(0, 6.0), 1.0, 0.2);
        for (int s = 0; s < 5; s++) {
            for (int t = 0; t < 25; t++) {
                assertEquals(small.input(s, t, 0), large.input(s, t, 0), 0.0);
                assertEquals(small.target(s, t, 0), large.target(s, t, 0), 0.0);
            }
        }
    }

    @Test
    void frequencyRangeIsRespectedAndCovered() {
        SineDataset d = new SineDataset(1, 500, 2, 0.05, Interval.of(0.5, 2.0), Interval.of(0, 2 * Math.PI), 1.0, 0.0);
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int s = 0; s < d.size(); s++) {
            double f = d.frequency(s);
            assertTrue(f >= 0.5 && f < 2.0, "frequency " + f);
            double p = d.phase(s);
            assertTrue(p >= 0 && p < 2 * Math.PI, "phase " + p);
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        assertTrue(lo < 0.6 && hi > 1.9, "range [" + lo + ", " + hi + "] not spread");
    }

    @Test
    void seedsGiveDifferentWaves() {
        SineDataset a = new SineDataset(1, 3, 10, 0.05, Interval.of(1.0), Interval.of(0, 2 * Math.PI), 1.0, 0.0);
        SineDataset b = new SineDataset(2, 3, 10, 0.05, Interval.of(1.0), Interval.of(0, 2 * Math.PI), 1.0, 0.0);
        assertNotEquals(a.phase(0), b.phase(0));
        assertNotEquals(a.phase(0), a.phase(1));
    }

    @Test
    void noiseIsOnInputsOnlyWithTheGivenSpread() {
        double sigma = 0.3;
        SineDataset clean = new SineDataset(4, 200, 50, 0.05, Interval.of(0.5, 2.0), Interval.of(0, 6.0), 1.0, 0.0);
        SineDataset noisy = new SineDataset(4, 200, 50, 0.05, Interval.of(0.5, 2.0), Interval.of(0, 6.0), 1.0, sigma);
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int s = 0; s < 200; s++) {
            assertEquals(clean.frequency(s), noisy.frequency(s), 0.0);
            for (int t = 0; t < 50; t++) {
                assertEquals(clean.target(s, t, 0), noisy.target(s, t, 0), 0.0);
                assertEquals(clean.wave(s, t), clean.input(s, t, 0), 0.0);
                double e = noisy.input(s, t, 0) - noisy.wave(s, t);
                sum += e;
                sumSq += e * e;
                n++;
            }
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        // 10000 draws: the standard error of the sd is about 0.7 %.
        assertEquals(sigma, sd, 0.05 * sigma);
        assertEquals(0.0, mean, 4 * sigma / Math.sqrt(n));
    }

    @Test
    void builtFromTheDefaultConfig() {
        ExperimentConfig c = ConfigLoader.loadDefault();
        SequenceDataset d = Datasets.of(c);
        assertEquals(256, d.size());
        assertEquals(50, d.length());
        SineDataset s = (SineDataset) d;
        assertEquals(1.0, s.frequency(17), 0.0);
        assertEquals(Math.sin(2 * Math.PI * 1.0 * 3 * 0.05 + s.phase(17)), d.input(17, 3, 0), 1e-12);
    }

    @Test
    void outOfRangeAccessFails() {
        SineDataset d = new SineDataset(1, 2, 5, 0.05, Interval.of(1.0), Interval.of(0.0), 1.0, 0.0);
        assertThrows(IndexOutOfBoundsException.class, () -> d.input(0, 5, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> d.target(2, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> d.input(0, 0, 1));
    }
}
