package org.chemotaxis.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.chemotaxis.api.ClosedLoopProblem;
import org.chemotaxis.api.Network;
import org.chemotaxis.problem.ClosedLoopScore;
import org.chemotaxis.problem.ConstantPolicy;
import org.chemotaxis.problem.ProblemRegistry;
import org.chemotaxis.problem.ProblemSamples;
import org.chemotaxis.task.Evaluator;
import org.junit.jupiter.api.Test;

/**
 * A plugin's scorer sees the episodes a run validates on: the run's validation loss of a network
 * that never acts (all parameters 0: the readout writes 0) equals {@link ClosedLoopScore}'s loss
 * of a policy that never acts on {@link ProblemSamples#validationKey}.
 */
class ProblemValidationTest {

    @Test
    void theValidationKeyIsTheRunsValidationSample() {
        String yaml = """
                seed: 17
                model:
                  hidden: 3
                problem:
                  type: reach
                  params:
                    steps: 12
                  validation_episodes: 9
                training:
                  steps_per_epoch: 1
                """;
        ProblemRegistry registry = ProblemRegistry.classPath();
        ProblemExperiment exp = (ProblemExperiment) Experiments.of(Configs.parse(yaml, "test", List.of(), registry),
                registry);
        Evaluator ev = exp.objective().newEvaluator();
        ev.select(exp.samples().validation());
        double run = ev.loss(new double[exp.model().parameterCount()]);
        Network still = new ConstantPolicy(0);
        ClosedLoopProblem problem = (ClosedLoopProblem) exp.problem();
        assertEquals(run, ClosedLoopScore.loss(problem, still, ProblemSamples.validationKey(17, 9)));
        assertEquals(-run, ClosedLoopScore.metric(problem, still, ProblemSamples.validationKey(17, 9)));
    }
}
