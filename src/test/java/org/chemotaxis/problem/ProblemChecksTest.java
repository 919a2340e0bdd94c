package org.chemotaxis.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.chemotaxis.api.ClosedLoopProblem;
import org.chemotaxis.api.Network;
import org.chemotaxis.api.Parameters;
import org.chemotaxis.api.SampleKey;
import org.chemotaxis.problem.FlawedProblem.Flaw;
import org.junit.jupiter.api.Test;

/** The plugin authors' test kit: it passes a sound problem and catches each flaw it is meant to catch. */
class ProblemChecksTest {

    @Test
    void aSoundProblemPassesEveryCheck() {
        ProblemChecks.sameResultTwice(new ReachProblem(), Map.of());
        ProblemChecks.sameResultTwice(new ReachProblem(), Map.of("steps", 7, "gain", 0.5));
        ProblemChecks.noRandomnessOfItsOwn(new ReachProblem(), Map.of());
        ProblemChecks.rejectsBadParameters(new ReachProblem(), "gain", -1.0);
        ProblemChecks.rejectsBadParameters(new ReachProblem(), "steps", 0);
        ProblemChecks.rejectsBadParameters(new ReachProblem(), "steps", "many");
        ProblemChecks.sameResultTwice(new EchoProblem(), Map.of());
        ProblemChecks.noRandomnessOfItsOwn(new EchoProblem(), Map.of("length", 5));
    }

    @Test
    void randomnessOfItsOwnIsCaught() {
        FlawedProblem f = new FlawedProblem(Flaw.OWN_RANDOM);
        AssertionError e = assertThrows(AssertionError.class, () -> ProblemChecks.sameResultTwice(f, Map.of()));
        assertTrue(e.getMessage().contains("problem 'flawed': the same parameters on the same sample gave the loss"),
                e.getMessage());
        e = assertThrows(AssertionError.class, () -> ProblemChecks.noRandomnessOfItsOwn(f, Map.of()));
        assertTrue(e.getMessage().contains("the same sample gave another loss"), e.getMessage());
    }

    @Test
    void aStaticCounterIsCaught() {
        FlawedProblem f = new FlawedProblem(Flaw.STATIC_COUNTER);
        AssertionError e = assertThrows(AssertionError.class, () -> ProblemChecks.sameResultTwice(f, Map.of()));
        assertTrue(e.getMessage().contains("gave the loss"), e.getMessage());
        assertThrows(AssertionError.class, () -> ProblemChecks.noRandomnessOfItsOwn(f, Map.of()));
    }

    @Test
    void aProblemThatIgnoresItsKeysIsCaught() {
        FlawedProblem f = new FlawedProblem(Flaw.IGNORES_KEY);
        ProblemChecks.sameResultTwice(f, Map.of());
        AssertionError e = assertThrows(AssertionError.class, () -> ProblemChecks.noRandomnessOfItsOwn(f, Map.of()));
        assertTrue(e.getMessage().contains("4 different samples all gave the loss"), e.getMessage());
    }

    @Test
    void badParametersMustBeRejectedNamingTheirKey() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> ProblemChecks.rejectsBadParameters(new FlawedProblem(Flaw.ACCEPTS_ANY_GAIN), "gain", -1.0));
        assertTrue(e.getMessage().contains("accepted gain = -1.0"), e.getMessage());
        e = assertThrows(AssertionError.class,
                () -> ProblemChecks.rejectsBadParameters(new FlawedProblem(Flaw.REJECTS_WITHOUT_KEY), "gain", -1.0));
        assertTrue(e.getMessage().contains("threw java.lang.IllegalArgumentException: gain must be > 0 instead of a "
                + "BadParameterException naming 'gain'"), e.getMessage());
        e = assertThrows(AssertionError.class,
                () -> ProblemChecks.rejectsBadParameters(new FlawedProblem(Flaw.BLAMES_ANOTHER_KEY), "gain", -1.0));
        assertTrue(e.getMessage().contains("naming 'steps' instead of 'gain'"), e.getMessage());
        e = assertThrows(AssertionError.class,
                () -> ProblemChecks.rejectsBadParameters(new ReachProblem(), "gian", -1.0));
        assertTrue(e.getMessage().contains("declares no parameter 'gian'"), e.getMessage());
    }

    @Test
    void aHandWrittenPolicyIsScoredOnTheRunsValidationEpisodes() {
        ClosedLoopProblem reach = (ClosedLoopProblem) new ReachProblem().create(
                Parameters.of(new ReachProblem().parameters(), Map.of("steps", 10)));
        SampleKey key = ProblemSamples.validationKey(5, 30);
        double[] returns = ClosedLoopScore.returns(reach, new ConstantPolicy(0), key);
        // Standing still: the point stays at its start x0, every step pays -|x0|.
        double sum = 0;
        for (int i = 0; i < 30; i++) {
            RandomGenerator r = key.random(i);
            double x0 = 2 * r.nextDouble() - 1;
            assertEquals(-10 * Math.abs(x0), returns[i], 1e-12, "episode " + i);
            sum += returns[i];
        }
        assertEquals(-sum / 30, ClosedLoopScore.loss(reach, new ConstantPolicy(0), key), 1e-12);
        assertEquals(sum / 30, ClosedLoopScore.metric(reach, new ConstantPolicy(0), key), 1e-12);
        // Validation is one fixed sample per seed: the same seed the same episodes, another seed others.
        assertEquals(ClosedLoopScore.metric(reach, new ConstantPolicy(0.3), ProblemSamples.validationKey(5, 30)),
                ClosedLoopScore.metric(reach, new ConstantPolicy(0.3), key));
        assertTrue(ClosedLoopScore.metric(reach, new ConstantPolicy(0), ProblemSamples.validationKey(6, 30)) != sum / 30);
        assertThrows(IllegalArgumentException.class, () -> ClosedLoopScore.returns(reach, new Network() {
            @Override
            public int inputSize() {
                return 2;
            }

            @Override
            public int outputSize() {
                return 1;
            }

            @Override
            public void reset(int rows) {
            }

            @Override
            public void step(double[] input, double[] output) {
            }
        }, key));
    }
}
