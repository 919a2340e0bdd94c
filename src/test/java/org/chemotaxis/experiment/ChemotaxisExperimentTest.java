package org.chemotaxis.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.task.Sample;
import org.chemotaxis.train.Trainer;
import org.chemotaxis.train.Training;
import org.chemotaxis.worm.GaussianField;
import org.chemotaxis.worm.Start;
import org.chemotaxis.worm.WorldConfig;
import org.chemotaxis.worm.WormSimulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The chemotaxis experiment wired from its config. Short episodes close to the peak and tiny
 * networks keep every test to seconds; full training is experiments/chemotaxis.yml.
 */
class ChemotaxisExperimentTest {

    /** Worms start 1.5 cm from the peak and swim 60 s at dt 0.1 s: a 4-unit Elman net, 8 episodes a step. */
    static ExperimentConfig small(String... overrides) {
        String yaml = """
                name: chemo-small
                seed: 3
                model: {type: elman, hidden: 4}
                data: {type: chemotaxis}
                world: {field: gauss, dt: 0.1, duration: 60, start_distance: 1.5}
                controller: {inputs: [dlogc, sin, cos]}
                chemotaxis: {validation_episodes: 24}
                estimator: {type: spsa, sigma: 0.1, directions: 8}
                optimizer: {type: adam, lr: 0.1, schedule: constant}
                training: {epochs: 3, batch: 8, steps_per_epoch: 5}
                """;
        return ConfigLoader.parse(yaml, "chemo-small.yml", List.of(overrides));
    }

    @Test
    void theConfigChoosesTheExperimentAndSizesTheModel() {
        Experiment exp = Experiments.of(small());
        ChemotaxisExperiment c = assertInstanceOf(ChemotaxisExperiment.class, exp);
        assertEquals(3, c.model().inputSize());
        assertEquals(1, c.model().outputSize());
        assertEquals(GaussianField.standard(), c.field());
        assertEquals(0.1, c.world().dt());
        assertEquals(60, c.world().duration());
        assertEquals(new Start.Ring(1.5, Start.Heading.RANDOM), c.world().start());
        assertEquals(8, c.objective().batch());
        assertEquals("F", c.metricName());
        ChemotaxisExperiment p = (ChemotaxisExperiment) Experiments.of(small("controller.pirouette_output=true",
                "controller.inputs=[logc, dlogc, sin, cos]", "model.type=ctrnn"));
        assertEquals(4, p.model().inputSize());
        assertEquals(2, p.model().outputSize());
        assertEquals("ctrnn", p.model().type());
        assertEquals("score", ((ChemotaxisExperiment) Experiments.of(small("chemotaxis.clip_loss=false"))).metricName());
    }

    @Test
    void everyStepHasFreshEpisodesAndValidationIsFixed() {
        ChemotaxisExperiment c = (ChemotaxisExperiment) Experiments.of(small());
        Set<Long> seeds = new HashSet<>();
        for (long e = 0; e < 4; e++) {
            for (int b = 0; b < 5; b++) {
                Sample s = c.samples().train(e, b);
                assertEquals(0, s.size(), "a training sample runs the batch's episodes 0..batch-1");
                assertEquals(s, c.samples().train(e, b), "a pure function of (epoch, batch)");
                seeds.add(s.seed());
            }
        }
        assertEquals(20, seeds.size());
        Sample v = c.samples().validation();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23},
                v.indices());
        assertEquals(v, ((ChemotaxisExperiment) Experiments.of(small())).samples().validation());
        assertFalse(seeds.contains(v.seed()));
        assertFalse(seeds.contains(c.evaluationSeed()));
        assertNotEquals(v.seed(), c.evaluationSeed());
        assertEquals(12345L, ((ChemotaxisExperiment) Experiments.of(small("chemotaxis.evaluation_seed=12345")))
                .evaluationSeed());
        assertNotEquals(c.evaluationSeed(), ((ChemotaxisExperiment) Experiments.of(small("seed=4"))).evaluationSeed());
    }

    @Test
    void theMetricIsTheMeanFOfTheValidationEpisodesInTheWorldOfTheTest() {
        // Scored independently: the reference simulator on the same episodes, in the evaluation world.
        ChemotaxisExperiment c = (ChemotaxisExperiment) Experiments.of(small("chemotaxis.clip_loss=false"));
        assertEquals(500, c.evaluationWorld().duration());
        assertEquals(0.01, c.evaluationWorld().dt());
        double[] theta = c.initialTheta();
        double metric = c.lossToMetric().applyAsDouble(c.newTraining().validationLoss());
        double reference = referenceScore(c, c.evaluationWorld(), theta);
        assertEquals(reference, metric, 1e-12);
        // Another world gives other numbers: the check above can tell the worlds apart.
        assertNotEquals(referenceScore(c, c.world(), theta), metric, 1e-6);
    }

    @Test
    void validationCanRunInTheTrainingWorld() {
        ChemotaxisExperiment c = (ChemotaxisExperiment) Experiments.of(
                small("chemotaxis.clip_loss=false", "chemotaxis.validation_world=training"));
        assertTrue(c.validationObjective() == c.objective());
        double[] theta = c.initialTheta();
        double metric = c.lossToMetric().applyAsDouble(c.newTraining().validationLoss());
        assertEquals(referenceScore(c, c.world(), theta), metric, 1e-12);
    }

    /** The mean unclipped score (1 - mean r / r0) of the network on the validation episodes, run by WormSimulator. */
    private static double referenceScore(ChemotaxisExperiment c, WorldConfig world, double[] theta) {
        Sample v = c.samples().validation();
        WormSimulator sim = new WormSimulator(List.of(c.field()), world, v.size());
        sim.run(c.controller(theta), v.seed(), 0, 0, v.size());
        double sum = 0;
        for (int i = 0; i < v.size(); i++) {
            sum += sim.rawScore(i);
        }
        return sum / v.size();
    }

    @Test
    void theEvaluationWorldIsTheReferenceWorldWithTheRunsStartAndArena() {
        ChemotaxisExperiment c = (ChemotaxisExperiment) Experiments.of(small("world.arena=disk:radius=5",
                "world.sensor_noise=0.1"));
        WorldConfig w = c.evaluationWorld();
        assertEquals(WorldConfig.DT, w.dt());
        assertEquals(WorldConfig.DURATION, w.duration());
        assertEquals(0, w.sensorNoise(), "evaluation is noise-free unless asked");
        assertEquals(5, w.arena().radius());
        assertEquals(new Start.Ring(1.5, Start.Heading.RANDOM), w.start());
        assertEquals(0.1, c.world().sensorNoise());
        assertEquals(0.1, c.world().sensorNoiseMax());
        WorldConfig range = ((ChemotaxisExperiment) Experiments.of(small("world.sensor_noise=[0, 0.2]"))).world();
        assertEquals(0, range.sensorNoise());
        assertEquals(0.2, range.sensorNoiseMax());
    }

    @Test
    void aRunIsAPureFunctionOfItsConfig() {
        double[] a = thetaAfter(1, small());
        assertArrayEquals(a, thetaAfter(1, small()), 0.0);
        assertFalse(Arrays.equals(a, thetaAfter(1, small("seed=4"))));
    }

    private static double[] thetaAfter(int epochs, ExperimentConfig config) {
        Training t = Experiments.of(config).newTraining();
        Trainer.plain(t).run(epochs);
        return t.theta();
    }

    /**
     * Per-weight central differences and random directions, each with 20 steps, lift the
     * validation score of a 3-unit network that starts 1 cm from the peak clearly above where it
     * started (an untrained net loops near its start). The score is not clipped at 0 here, so
     * that worms that drift away still rank.
     */
    @ParameterizedTest
    @ValueSource(strings = {"central", "spsa", "gaussian"})
    void weightAndRandomDirectionPerturbationLearnToClimb(String estimator) {
        ExperimentConfig config = small("estimator.type=" + estimator, "seed=5", "model.hidden=3", "training.batch=6",
                "world.duration=60", "world.start_distance=1", "training.steps_per_epoch=10", "chemotaxis.clip_loss=false",
                "chemotaxis.validation_episodes=16");
        Training t = Experiments.of(config).newTraining();
        double before = 1 - t.validationLoss();
        List<Trainer.Epoch> history = Trainer.plain(t).run(2);
        double after = 1 - history.get(history.size() - 1).validationLoss();
        System.out.printf("%-8s validation score %.3f -> %.3f%n", estimator, before, after);
        assertTrue(after > before + 0.1, estimator + ": score " + before + " -> " + after);
    }

    @Test
    void bpttIsRefusedWithAClearMessage() {
        BadInputException e = assertThrows(BadInputException.class, () -> small("estimator.type=bptt"));
        assertTrue(e.getMessage().contains("estimator.type bptt needs a differentiable objective"), e.getMessage());
        assertTrue(e.getMessage().contains("--set estimator.type=bptt"), e.getMessage());
    }
}
