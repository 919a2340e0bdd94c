package org.chemotaxis.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyStoppingRuleTest {

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndRemembersTheBest() {
        EarlyStoppingRule rule = EarlyStoppingRule.of(3, 0.01);
        EarlyStoppingRule.State s = EarlyStoppingRule.State.initial();
        // epoch 2 improves by less than min_delta: not an improvement
        List<Double> losses = List.of(1.0, 0.5, 0.495, 0.6, 0.49, 0.7);
        boolean[] expectStop = {false, false, false, false, true, true};
        for (int e = 0; e < losses.size(); e++) {
            EarlyStoppingRule.Verdict v = rule.observe(s, e, losses.get(e));
            assertEquals(expectStop[e], v.stop(), "epoch " + e);
            s = v.state();
            if (v.stop()) {
                break;
            }
        }
        assertEquals(1, s.bestEpoch());
        assertEquals(0.5, s.bestLoss());
    }

    @Test
    void patienceZeroNeverStops() {
        EarlyStoppingRule rule = EarlyStoppingRule.of(0, 0);
        EarlyStoppingRule.State s = EarlyStoppingRule.State.initial();
        for (int e = 0; e < 100; e++) {
            EarlyStoppingRule.Verdict v = rule.observe(s, e, 1.0);
            assertFalse(v.stop());
            s = v.state();
        }
        assertEquals(0, s.bestEpoch());
    }

    @Test
    void nanIsNeverAnImprovement() {
        EarlyStoppingRule.Verdict v = EarlyStoppingRule.of(1, 0).observe(EarlyStoppingRule.State.initial(), 0, Double.NaN);
        assertFalse(v.improved());
        assertTrue(v.stop());
    }

    /** The rule names its own parameters; the config layer names the keys (ConfigLoaderTest). */
    @Test
    void rejectsBadSettings() {
        assertEquals("patience must be >= 0, but was -1",
                assertThrows(IllegalArgumentException.class, () -> EarlyStoppingRule.of(-1, 0)).getMessage());
        assertEquals("min_delta must be >= 0 and finite, but was NaN",
                assertThrows(IllegalArgumentException.class, () -> EarlyStoppingRule.of(1, Double.NaN)).getMessage());
    }
}
