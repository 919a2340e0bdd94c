package org.chemotaxis.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class LearningRateScheduleTest {

    @Test
    void constantIsConstant() {
        LearningRateSchedule s = LearningRateSchedule.constant(0.03);
        assertEquals(0.03, s.rate(0));
        assertEquals(0.03, s.rate(1_000_000_000L));
    }

    @Test
    void stepHalvesEveryTenSteps() {
        LearningRateSchedule s = LearningRateSchedule.step(1.0, 10, 0.5);
        assertEquals(1.0, s.rate(0));
        assertEquals(1.0, s.rate(9));
        assertEquals(0.5, s.rate(10));
        assertEquals(0.5, s.rate(19));
        assertEquals(0.25, s.rate(20));
        assertEquals(0.125, s.rate(35));
        assertEquals(0.8 * 0.1 * 0.1 * 0.1, LearningRateSchedule.step(0.8, 3, 0.1).rate(9), 1e-18);
    }

    @Test
    void cosineWarmsUpLinearlyThenAnneals() {
        // warm-up 10 steps, cosine over steps 10..110, from 1.0 to 0.1
        LearningRateSchedule s = LearningRateSchedule.cosine(1.0, 110, 0.1, 10);
        assertEquals(0.1, s.rate(0), 1e-15);
        assertEquals(0.5, s.rate(4), 1e-15);
        assertEquals(1.0, s.rate(9), 1e-15);
        assertEquals(1.0, s.rate(10), 1e-15);                               // start: cos 0 = 1
        assertEquals(0.1 + 0.45 * (1 + Math.sqrt(0.5)), s.rate(35), 1e-15); // quarter: cos(pi/4)
        assertEquals(0.55, s.rate(60), 1e-15);                              // midpoint: cos(pi/2) = 0
        assertEquals(0.1 + 0.45 * (1 - Math.sqrt(0.5)), s.rate(85), 1e-15); // cos(3pi/4)
        assertEquals(0.1, s.rate(110), 1e-15);                              // end: cos pi = -1
        assertEquals(0.1, s.rate(111), 0.0);
        assertEquals(0.1, s.rate(1_000_000L), 0.0);
        for (long k = 10; k < 110; k++) {
            assertTrue(s.rate(k + 1) < s.rate(k), "not decreasing at " + k);
        }
    }

    @Test
    void cosineWithoutWarmupStartsAtPeak() {
        LearningRateSchedule s = LearningRateSchedule.cosine(0.2, 4, 0.0, 0);
        assertEquals(0.2, s.rate(0), 1e-15);
        assertEquals(0.1 * (1 + Math.sqrt(0.5)), s.rate(1), 1e-15);
        assertEquals(0.1, s.rate(2), 1e-15);
        assertEquals(0.0, s.rate(4), 1e-15);
    }

    @Test
    void invalidArgumentsAreRejectedWithTheValue() {
        assertMessage("lr must be finite and > 0, but was 0.0", () -> LearningRateSchedule.constant(0.0));
        assertMessage("lr must be finite and > 0, but was NaN", () -> LearningRateSchedule.constant(Double.NaN));
        assertMessage("every must be > 0, but was 0 (step schedule)", () -> LearningRateSchedule.step(0.1, 0, 0.5));
        assertMessage("gamma must be in (0, 1], but was 1.5 (step schedule)",
                () -> LearningRateSchedule.step(0.1, 5, 1.5));
        assertMessage("gamma must be in (0, 1], but was 0.0 (step schedule)",
                () -> LearningRateSchedule.step(0.1, 5, 0.0));
        assertMessage("totalSteps must be > warmupSteps (10), but was 10 (cosine schedule)",
                () -> LearningRateSchedule.cosine(0.1, 10, 0.0, 10));
        assertMessage("warmupSteps must be >= 0, but was -1 (cosine schedule)",
                () -> LearningRateSchedule.cosine(0.1, 10, 0.0, -1));
        assertMessage("minLr must be in [0, lr] = [0, 0.1], but was 0.2 (cosine schedule)",
                () -> LearningRateSchedule.cosine(0.1, 10, 0.2, 0));
        assertMessage("step must be >= 0, but was -1", () -> LearningRateSchedule.constant(0.1).rate(-1));
    }

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
