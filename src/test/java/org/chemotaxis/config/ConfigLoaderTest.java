package org.chemotaxis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    /** Every key of the public interface, each with a value that is not its default. */
    static final String FULL = """
            name: full
            seed: 42
            model:
              type: ctrnn
              hidden: 8
              layers: 2
              dt: 0.2
              init_seed: 7
            data:
              type: csv
              count: 10
              length: 30
              dt: 0.01
              frequency: [0.5, 2.0]
              phase: 1.5
              amplitude: 2.5
              noise: 0.1
              validation_fraction: 0.2
              path: series.csv
              input_columns: [u, v]
              target_columns: [y]
              window: 20
              stride: 3
              target_shift: 0
            objective:
              type: free_running
              washout: 2
            estimator:
              type: spsa
              sigma: 0.01
              directions: 4
            optimizer:
              type: rmsprop
              lr: 0.5
              momentum: 0.8
              beta1: 0.7
              beta2: 0.99
              eps: 1.0e-6
              rho: 0.9
              weight_decay: 0.001
              clip_norm: 5
              schedule: step
              lr_min: 0.01
              warmup_steps: 3
              step_every: 50
              step_gamma: 0.25
            training:
              epochs: 7
              batch: 4
              steps_per_epoch: 9
            early_stopping:
              patience: 3
              min_delta: 0.001
            runtime:
              workers: 3
              task_size: 5
            generation:
              warmup: 4
              steps: 100
            world:
              field: cone:slope=-0.1
              dt: 0.05
              duration: 200
              start_distance: 3
              arena: disk:radius=6
              sensor_noise: [0, 0.05]
            controller:
              inputs: [logc, dlogc, cos]
              pirouette_output: true
              max_turn_rate: 2
              max_pirouette_rate: 0.5
              control_dt: 0.2
              derivative_scale: 10
              sensor_tau: 0.5
              adapt_tau: 20
            chemotaxis:
              validation_episodes: 50
              validation_world: training
              clip_loss: false
              evaluation_seed: 99
              plot_worms: 7
            """;

    private static String fails(String yaml) {
        return assertThrows(BadInputException.class, () -> ConfigLoader.parse(yaml, "x.yml")).getMessage();
    }

    private static String failsWith(String yaml, String... overrides) {
        return assertThrows(BadInputException.class,
                () -> ConfigLoader.parse(yaml, "x.yml", List.of(overrides))).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), () -> "expected '" + p + "' in: " + message);
        }
    }

    @Test
    void defaultsAreThoseOfThePublishedInterface() {
        ExperimentConfig c = ConfigLoader.loadDefault();
        assertEquals("sine", c.name());
        assertEquals(1L, c.seed());
        assertEquals(ModelConfig.Type.ELMAN, c.model().type());
        assertEquals(16, c.model().hidden());
        assertEquals(1, c.model().layers());
        assertEquals(0.1, c.model().dt());
        assertNull(c.model().initSeed());
        assertEquals(1L, c.initSeed());

        DataConfig d = c.data();
        assertEquals(DataConfig.Type.SINE, d.type());
        assertEquals(256, d.count());
        assertEquals(50, d.length());
        assertEquals(0.05, d.dt());
        assertEquals(new Range(1.0, 1.0), d.frequency());
        assertEquals(new Range(0.0, 6.283185307179586), d.phase());
        assertEquals(1.0, d.amplitude());
        assertEquals(0.0, d.noise());
        assertEquals(0.25, d.validationFraction());
        assertNull(d.path());
        assertEquals(List.of(), d.inputColumns());
        assertEquals(List.of(), d.targetColumns());
        assertEquals(50, d.window());
        assertEquals(1, d.stride());
        assertEquals(1, d.targetShift());

        assertEquals(ObjectiveConfig.Type.TEACHER_FORCED, c.objective().type());
        assertEquals(5, c.objective().washout());
        assertEquals(EstimatorConfig.Type.CENTRAL, c.estimator().type());
        assertEquals(1e-3, c.estimator().sigma());
        assertEquals(16, c.estimator().directions());

        OptimizerConfig o = c.optimizer();
        assertEquals(OptimizerConfig.Type.ADAM, o.type());
        assertEquals(0.02, o.lr());
        assertEquals(0.9, o.momentum());
        assertEquals(0.9, o.beta1());
        assertEquals(0.999, o.beta2());
        assertEquals(1e-8, o.eps());
        assertEquals(0.99, o.rho());
        assertEquals(0.0, o.weightDecay());
        assertEquals(0.0, o.clipNorm());
        assertEquals(OptimizerConfig.Schedule.COSINE, o.schedule());
        assertEquals(0.0, o.lrMin());
        assertEquals(0, o.warmupSteps());
        assertEquals(100, o.stepEvery());
        assertEquals(0.5, o.stepGamma());

        assertEquals(new TrainingConfig(100, 16, 0), c.training());
        assertEquals(new EarlyStoppingConfig(0, 0.0), c.earlyStopping());
        assertEquals(new RuntimeConfig(0, 0), c.runtime());
        assertEquals(new GenerationConfig(10, 200), c.generation());

        assertEquals(new WorldSectionConfig(FieldSpecs.of("gauss"), 0.1, 300.0, 4.5, "open", Range.of(0.0)), c.world());
        assertEquals(new ControllerConfig(List.of("dlogc", "sin", "cos"), false, 3.0, 1.0, 0.1, 30.0, 0.0, 0.0), c.controller());
        assertEquals(new ChemotaxisConfig(100, ChemotaxisConfig.ValidationWorld.REFERENCE, true, null, 20), c.chemotaxis());
    }

    @Test
    void anEmptyDocumentOrMappingIsTheDefaults() {
        assertEquals(ExperimentConfig.defaults(), ConfigLoader.parse("", "x.yml"));
        assertEquals(ExperimentConfig.defaults(), ConfigLoader.parse("# only a comment\n", "x.yml"));
        assertEquals(ExperimentConfig.defaults(), ConfigLoader.parse("{}", "x.yml"));
        assertEquals(ExperimentConfig.defaults(), ConfigLoader.parse("model:\n", "x.yml"));
    }

    @Test
    void aFullFileSetsEveryKey() {
        ExperimentConfig c = ConfigLoader.parse(FULL, "full.yml");
        assertEquals("full", c.name());
        assertEquals(42L, c.seed());
        assertEquals(new ModelConfig(ModelConfig.Type.CTRNN, 8, 2, 0.2, 7L), c.model());
        assertEquals(7L, c.initSeed());
        assertEquals(new DataConfig(DataConfig.Type.CSV, 10, 30, 0.01, new Range(0.5, 2.0), Range.of(1.5), 2.5, 0.1,
                0.2, "series.csv", List.of("u", "v"), List.of("y"), 20, 3, 0), c.data());
        assertEquals(new ObjectiveConfig(ObjectiveConfig.Type.FREE_RUNNING, 2), c.objective());
        assertEquals(new EstimatorConfig(EstimatorConfig.Type.SPSA, 0.01, 4, EstimatorConfig.Shaping.NONE, null, 0.2, null, null), c.estimator());
        assertEquals(new OptimizerConfig(OptimizerConfig.Type.RMSPROP, 0.5, 0.8, 0.7, 0.99, 1e-6, 0.9, 0.001, 5.0,
                OptimizerConfig.Schedule.STEP, 0.01, 3, 50, 0.25, null), c.optimizer());
        assertEquals(new TrainingConfig(7, 4, 9), c.training());
        assertEquals(new EarlyStoppingConfig(3, 0.001), c.earlyStopping());
        assertEquals(new RuntimeConfig(3, 5), c.runtime());
        assertEquals(new GenerationConfig(4, 100), c.generation());
        assertEquals(new WorldSectionConfig(FieldSpecs.of("cone:slope=-0.1"), 0.05, 200.0, 3.0, "disk:radius=6",
                Range.of(0, 0.05)), c.world());
        assertEquals(new ControllerConfig(List.of("logc", "dlogc", "cos"), true, 2.0, 0.5, 0.2, 10.0, 0.5, 20.0), c.controller());
        assertEquals(new ChemotaxisConfig(50, ChemotaxisConfig.ValidationWorld.TRAINING, false, 99L, 7), c.chemotaxis());
    }

    @Test
    void aPartialSectionKeepsTheOtherDefaults() {
        ExperimentConfig c = ConfigLoader.parse("model:\n  hidden: 32\n", "x.yml");
        assertEquals(32, c.model().hidden());
        assertEquals(1, c.model().layers());
        assertEquals(ModelConfig.Type.ELMAN, c.model().type());
        assertEquals(ExperimentConfig.defaults().optimizer(), c.optimizer());
    }

    @Test
    void loadReadsAFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sine.yml");
        Files.writeString(f, "name: wave\nmodel:\n  hidden: 4\n");
        ExperimentConfig c = ConfigLoader.load(f);
        assertEquals("wave", c.name());
        assertEquals(4, c.model().hidden());
        assertEquals(9, ConfigLoader.load(f, List.of("model.hidden=9")).model().hidden());
    }

    // ---- bad input: one line naming key, value and line --------------------------------------

    @Test
    void unknownKeyIsNamedWithItsLineAndTheNearestKnownKey() {
        String m = assertThrows(BadInputException.class,
                () -> ConfigLoader.parse("name: a\nseed: 3\nmodle:\n  hidden: 3\n", "sine.yml")).getMessage();
        assertEquals("unknown key 'modle' at line 3 of sine.yml (did you mean 'model'?)", m);
    }

    @Test
    void unknownNestedKeyIsNamedWithItsPath() {
        String m = fails("model:\n  type: elman\n  hiden: 3\n");
        assertContains(m, "unknown key 'model.hiden'", "line 3 of x.yml", "did you mean 'model.hidden'");
    }

    @Test
    void unknownKeyFarFromAnyKnownOneListsTheKnownKeys() {
        String m = fails("training:\n  zzzzzzzzzz: 3\n");
        assertContains(m, "unknown key 'training.zzzzzzzzzz'", "line 2", "batch", "epochs", "steps_per_epoch");
    }

    @Test
    void wrongTypeNamesKeyValueAndLine() {
        String m = fails("name: a\nseed: 2\nmodel:\n  hidden: abc\n");
        assertEquals("model.hidden must be an integer, but was 'abc' (line 4 of x.yml)", m);
    }

    @Test
    void aFractionIsNotAnInteger() {
        assertContains(fails("model:\n  hidden: 16.5\n"), "model.hidden must be an integer", "16.5", "line 2");
        assertContains(fails("seed: 1.5\n"), "seed must be an integer", "1.5", "line 1");
    }

    @Test
    void aListWhereANumberBelongsIsATypeError() {
        assertContains(fails("estimator:\n  sigma: [1, 2]\n"), "estimator.sigma must be a number", "a list", "line 2");
    }

    @Test
    void aScalarWhereASectionBelongsIsATypeError() {
        assertContains(fails("\nmodel: 5\n"), "model must be a section", "5", "line 2");
    }

    @Test
    void anIntegerOutOfRangeIsNamed() {
        assertContains(fails("model:\n  hidden: 99999999999\n"), "model.hidden must be an integer", "99999999999",
                "line 2");
    }

    @Test
    void negativeOrZeroSizesAreRejected() {
        assertEquals("model.hidden must be > 0, but was -3 (line 3 of x.yml)",
                fails("model:\n  type: elman\n  hidden: -3\n"));
        assertContains(fails("training:\n  batch: 0\n"), "training.batch must be > 0, but was 0", "line 2");
        assertContains(fails("data:\n  count: 1\n"), "data.count must be >= 2, but was 1", "line 2");
        assertContains(fails("runtime:\n  workers: -1\n"), "runtime.workers must be >= 0, but was -1", "line 2");
    }

    @Test
    void nanOrInfiniteLearningRateIsRejected() {
        assertEquals("optimizer.lr must be a finite number, but was '.nan' (line 3 of x.yml)",
                fails("optimizer:\n  type: adam\n  lr: .nan\n"));
        assertContains(fails("optimizer:\n  lr: .inf\n"), "optimizer.lr", ".inf", "line 2");
        assertContains(fails("optimizer:\n  lr: -.Inf\n"), "optimizer.lr", "line 2");
        assertContains(fails("optimizer:\n  lr: NaN\n"), "optimizer.lr must be a finite number > 0, but was NaN",
                "line 2");
        assertContains(fails("optimizer:\n  lr: 1e400\n"), "optimizer.lr", "Infinity", "line 2");
        assertContains(fails("optimizer:\n  lr: 0\n"), "optimizer.lr must be a finite number > 0, but was 0.0");
    }

    @Test
    void anUnacceptedEnumValueListsTheAcceptedOnes() {
        assertEquals("model.type must be one of elman, ctrnn, but was 'lstm' (line 2 of x.yml)",
                fails("model:\n  type: lstm\n"));
        assertContains(fails("estimator:\n  type: adjoint\n"),
                "forward, central, gaussian, spsa, node, bptt, pgpe, snes, ars, cmaes", "'adjoint'", "line 2");
        assertContains(fails("optimizer:\n  type: clip\n"), "sgd, momentum, nesterov, rmsprop, adam, clipup");
        assertContains(fails("optimizer:\n  schedule: linear\n"), "optimizer.schedule",
                "constant, step, cosine", "'linear'");
        assertContains(fails("objective:\n  type: Teacher_Forced\n"), "teacher_forced, free_running");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("x.yml");
        String m = assertThrows(BadInputException.class, () -> ConfigLoader.load(missing)).getMessage();
        assertEquals("config file not found: " + missing, m);
    }

    @Test
    void aYamlSyntaxErrorGivesItsLine() {
        assertContains(fails("name: a\nmodel:\n  hidden: 3\n bad: 2\n"), "YAML syntax error at line 4 of x.yml");
        assertContains(fails("name: a\ndata:\n  frequency: [1, 2\n"), "YAML syntax error", "x.yml");
    }

    @Test
    void aDuplicateKeyIsAnError() {
        assertContains(fails("model:\n  hidden: 3\n  hidden: 4\n"), "duplicate key 'model.hidden'", "line 3",
                "line 2");
    }

    @Test
    void aDocumentThatIsNotAMappingIsAnError() {
        assertContains(fails("- 1\n- 2\n"), "x.yml", "must be a mapping");
        assertContains(fails("a: 1\n---\nb: 2\n"), "more than one YAML document");
    }

    @Test
    void rangesAcceptANumberOrAPairOnly() {
        assertEquals(new Range(0.5, 2.0), ConfigLoader.parse("data:\n  frequency: [0.5, 2]\n", "x").data().frequency());
        assertEquals(Range.of(3.0), ConfigLoader.parse("data:\n  frequency: 3\n", "x").data().frequency());
        assertContains(fails("data:\n  frequency: [1, 2, 3]\n"), "data.frequency must be a number or a two-element list",
                "line 2");
        assertContains(fails("data:\n  phase: fast\n"), "data.phase", "'fast'", "line 2");
        assertContains(fails("data:\n  frequency: [2, 1]\n"), "data.frequency", "min <= max", "line 2");
        assertContains(fails("data:\n  frequency: [-1, 1]\n"), "data.frequency must be >= 0", "line 2");
    }

    @Test
    void crossKeyRulesNameTheKey() {
        assertContains(fails("data:\n  type: csv\n  input_columns: [x]\n  target_columns: [x]\n"),
                "data.path must name a CSV file", "line 1");
        assertContains(fails("data:\n  validation_fraction: 1.0\n"), "data.validation_fraction must be > 0 and < 1",
                "1.0", "line 2");
        assertContains(fails("optimizer:\n  lr: 0.1\n  lr_min: 0.2\n"), "optimizer.lr_min must not exceed", "0.2",
                "line 3");
        assertContains(fails("data:\n  length: 10\nobjective:\n  washout: 10\n"), "objective.washout", "10", "line 4");
        assertContains(fails("optimizer:\n  beta2: 1.0\n"), "optimizer.beta2 must be >= 0 and < 1, but was 1.0");
        assertContains(fails("data:\n  type: csv\n  path: a.csv\n  input_columns: [x, x]\n  target_columns: [y]\n"),
                "data.input_columns names column 'x' twice", "line 4");
    }

    @Test
    void chemotaxisNumbersNameTheKeyAndLine() {
        assertContains(fails("world:\n  dt: 0\n"), "world.dt must be a finite number > 0, but was 0.0", "line 2");
        assertContains(fails("world:\n  dt: 1\n  duration: 0.5\n"), "world.duration must be at least world.dt",
                "line 3");
        assertContains(fails("world:\n  sensor_noise: -0.1\n"), "world.sensor_noise must be >= 0", "line 2");
        assertContains(fails("world:\n  sensor_noise: [0.1, 0]\n"), "world.sensor_noise must be a number or [min, max]"
                + " with min <= max", "line 2");
        assertContains(fails("world:\n  start_distance: -2\n"), "world.start_distance must be a finite number > 0");
        assertContains(fails("controller:\n  inputs: []\n"), "controller.inputs must name at least one");
        assertContains(fails("controller:\n  max_turn_rate: 0\n"), "controller.max_turn_rate must be a finite number > 0");
        assertContains(fails("controller:\n  derivative_scale: -1\n"), "controller.derivative_scale");
        assertContains(fails("controller:\n  sensor_tau: -0.5\n"), "controller.sensor_tau must be a finite number >= 0");
        assertContains(fails("controller:\n  adapt_tau: -1\n"), "controller.adapt_tau must be a finite number >= 0");
        assertContains(fails("chemotaxis:\n  validation_episodes: 0\n"), "chemotaxis.validation_episodes must be > 0",
                "line 2");
        assertContains(fails("data:\n  type: chemotaxis\n"),
                "training.steps_per_epoch must be > 0 when data.type is chemotaxis");
        assertContains(fails("data:\n  type: chemotaxis\ntraining:\n  steps_per_epoch: 5\nestimator:\n  type: bptt\n"),
                "estimator.type bptt needs a differentiable objective", "line 6");
        assertContains(fails("chemotaxis:\n  clip_loss: maybe\n"), "chemotaxis.clip_loss must be true or false");
        assertContains(fails("world:\n  feild: gauss\n"), "unknown key 'world.feild'", "did you mean 'world.field'");
    }

    @Test
    void shapingIsForTheRandomDirectionEstimators() {
        assertEquals(EstimatorConfig.Shaping.CENTERED_RANK, ConfigLoader.parse(
                "estimator:\n  type: gaussian\n  shaping: centered_rank\n", "x.yml").estimator().shaping());
        assertEquals(EstimatorConfig.Shaping.NONE, ConfigLoader.loadDefault().estimator().shaping());
        assertContains(fails("estimator:\n  type: central\n  shaping: centered_rank\n"),
                "estimator.shaping centered_rank applies to the random-direction estimators (gaussian, spsa, node",
                "not to central", "line 3");
        assertContains(fails("estimator:\n  shaping: ranks\n"), "estimator.shaping", "none, centered_rank", "'ranks'");
    }

    @Test
    void pgpeAdaptsSigmaWithItsOwnRates() {
        ExperimentConfig c = ConfigLoader.parse("estimator:\n  type: pgpe\n  sigma_lr: 0.15\n  sigma_max_change: 0.1\n",
                "x.yml");
        assertEquals(EstimatorConfig.Type.PGPE, c.estimator().type());
        assertEquals(0.15, c.estimator().sigmaLr());
        assertEquals(0.1, c.estimator().sigmaMaxChange());
        ExperimentConfig d = ConfigLoader.loadDefault();
        assertEquals(null, d.estimator().sigmaLr(), "default: the method's own");
        assertEquals(0.2, d.estimator().sigmaMaxChange());
        assertContains(fails("estimator:\n  type: pgpe\n  sigma_lr: -0.1\n"),
                "estimator.sigma_lr must be a finite number >= 0, but was -0.1", "line 3");
        assertContains(fails("estimator:\n  type: pgpe\n  sigma_max_change: 1\n"),
                "estimator.sigma_max_change must be > 0 and < 1, but was 1.0", "line 3");
    }

    @Test
    void snesHasAnEvenPopulation() {
        ExperimentConfig c = ConfigLoader.parse("estimator:\n  type: snes\n  population: 12\n", "x.yml");
        assertEquals(EstimatorConfig.Type.SNES, c.estimator().type());
        assertEquals(12, c.estimator().population());
        assertEquals(null, ConfigLoader.loadDefault().estimator().population(), "default: the method's own");
        assertContains(fails("estimator:\n  type: snes\n  population: 7\n"),
                "estimator.population must be even for snes (mirrored pairs), but was 7", "line 3");
        assertContains(fails("estimator:\n  type: snes\n  population: 0\n"),
                "estimator.population must be >= 2, but was 0", "line 3");
    }

    @Test
    void arsKeepsAtMostItsDirections() {
        ExperimentConfig c = ConfigLoader.parse("estimator:\n  type: ars\n  directions: 8\n  top_directions: 3\n",
                "x.yml");
        assertEquals(EstimatorConfig.Type.ARS, c.estimator().type());
        assertEquals(3, c.estimator().topDirections());
        assertEquals(null, ConfigLoader.loadDefault().estimator().topDirections(), "default: all directions");
        assertContains(fails("estimator:\n  type: ars\n  directions: 8\n  top_directions: 9\n"),
                "estimator.top_directions must not exceed estimator.directions (8), but was 9", "line 4");
        assertContains(fails("estimator:\n  type: ars\n  top_directions: 0\n"),
                "estimator.top_directions must be > 0, but was 0", "line 3");
    }

    @Test
    void cmaesRanksItsSamplesItself() {
        ExperimentConfig c = ConfigLoader.parse("estimator:\n  type: cmaes\n  population: 7\n", "x.yml");
        assertEquals(EstimatorConfig.Type.CMAES, c.estimator().type());
        assertEquals(7, c.estimator().population(), "odd is fine: no mirrored pairs");
        assertContains(fails("estimator:\n  type: cmaes\n  shaping: centered_rank\n"),
                "estimator.shaping centered_rank applies to the random-direction estimators "
                        + "(gaussian, spsa, node, pgpe, snes, ars), not to cmaes", "line 3");
        assertContains(fails("estimator:\n  type: cmaes\n  population: 1\n"),
                "estimator.population must be >= 2, but was 1", "line 3");
    }

    @Test
    void clipUpHasAMaximumSpeed() {
        ExperimentConfig c = ConfigLoader.parse("optimizer:\n  type: clipup\n  max_speed: 0.3\n", "x.yml");
        assertEquals(OptimizerConfig.Type.CLIPUP, c.optimizer().type());
        assertEquals(0.3, c.optimizer().maxSpeed());
        assertEquals(null, ConfigLoader.loadDefault().optimizer().maxSpeed(), "default: twice the learning rate");
        assertContains(fails("optimizer:\n  type: clipup\n  max_speed: 0\n"),
                "optimizer.max_speed must be a finite number > 0, but was 0.0", "line 3");
    }

    /** The estimators, the task partition and the early-stopping rule speak of their own parameters; these keys are named here. */
    @Test
    void valuesTheDomainRejectsAreRejectedWithTheirKey() {
        assertContains(fails("estimator:\n  sigma: 0\n"), "estimator.sigma must be a finite number > 0, but was 0.0",
                "line 2");
        assertContains(fails("estimator:\n  directions: 0\n"), "estimator.directions must be > 0, but was 0", "line 2");
        assertContains(fails("runtime:\n  task_size: -1\n"), "runtime.task_size must be >= 0, but was -1", "line 2");
        assertContains(fails("early_stopping:\n  patience: -1\n"), "early_stopping.patience must be >= 0", "line 2");
        assertContains(fails("early_stopping:\n  min_delta: -0.5\n"),
                "early_stopping.min_delta must be a finite number >= 0, but was -0.5", "line 2");
    }

    @Test
    void aFieldIsOneSpecOrAListOfThem() {
        ExperimentConfig one = ConfigLoader.parse("data: {type: chemotaxis}\ntraining: {steps_per_epoch: 2}\n"
                + "world:\n  field: cone:slope=-0.2\n", "x.yml");
        assertEquals(FieldSpecs.of("cone:slope=-0.2"), one.world().field());
        assertTrue(ConfigLoader.toYaml(one).contains("\n  field: cone:slope=-0.2\n"), ConfigLoader.toYaml(one));
        ExperimentConfig many = ConfigLoader.parse("data: {type: chemotaxis}\ntraining: {steps_per_epoch: 2}\n"
                + "world:\n  field: [gauss:lambda=1.3, gauss]\n", "x.yml");
        assertEquals(List.of("gauss:lambda=1.3", "gauss"), many.world().field().specs());
        assertEquals("gauss:lambda=1.3", many.world().field().first());
        assertEquals(many, ConfigLoader.parse(ConfigLoader.toYaml(many), "written.yml"));
        assertContains(fails("world:\n  field: []\n"), "world.field must be a field spec or a list of field specs",
                "line 2");
        assertContains(fails("world:\n  field: [gauss, 3]\n"), "world.field must be a field spec or a list", "line 2");
    }

    @Test
    void aChemotaxisExperimentNeedsOnlyItsType() {
        ExperimentConfig c = ConfigLoader.parse("data:\n  type: chemotaxis\ntraining:\n  steps_per_epoch: 5\n", "x.yml",
                List.of("world.field=cone:slope=-0.2", "controller.inputs=[dlogc, cos]"));
        assertEquals(DataConfig.Type.CHEMOTAXIS, c.data().type());
        assertEquals("cone:slope=-0.2", c.world().field().first());
        assertEquals(List.of("dlogc", "cos"), c.controller().inputs());
        assertEquals(0, c.data().sequenceLength());
        assertEquals(c, ConfigLoader.parse(ConfigLoader.toYaml(c), "written.yml"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String m = fails("model:\n  hidden: 0\n  layers: 0\n");
        assertContains(m, "model.hidden must be > 0", "line 2", "model.layers must be > 0", "line 3");
    }

    @Test
    void aValidConfigHasNoProblems() {
        assertTrue(ConfigLoader.parse(FULL, "full.yml").problems().isEmpty());
        assertTrue(ExperimentConfig.defaults().problems().isEmpty());
    }

    // ---- overrides ------------------------------------------------------------------------------

    @Test
    void overridesSetNestedKeysListsAndStrings() {
        ExperimentConfig base = ConfigLoader.loadDefault();
        ExperimentConfig c = ConfigLoader.applyOverrides(base, List.of(
                "model.hidden=32", "data.frequency=[0.5,2]", "data.path=other run.csv", "name=other-run", "seed=9",
                "optimizer.type=sgd", "model.init_seed=3"));
        assertEquals(32, c.model().hidden());
        assertEquals(new Range(0.5, 2.0), c.data().frequency());
        assertEquals("other run.csv", c.data().path());
        assertEquals("other-run", c.name());
        assertEquals(9L, c.seed());
        assertEquals(OptimizerConfig.Type.SGD, c.optimizer().type());
        assertEquals(3L, c.initSeed());
        assertEquals(base.training(), c.training());
        assertNotEquals(base, c);
    }

    @Test
    void overridesApplyInOrderAndOnTopOfTheFile() {
        ExperimentConfig c = ConfigLoader.parse("model:\n  hidden: 4\n  layers: 3\n", "x.yml",
                List.of("model.hidden=5", "model.hidden=6"));
        assertEquals(6, c.model().hidden());
        assertEquals(3, c.model().layers());
    }

    @Test
    void aFlowMappingIsMergedIntoItsSection() {
        ExperimentConfig c = ConfigLoader.parse("model:\n  dt: 0.3\n", "x.yml", List.of("model={hidden: 8, layers: 2}"));
        assertEquals(new ModelConfig(ModelConfig.Type.ELMAN, 8, 2, 0.3, null), c.model());
    }

    @Test
    void anEmptyOverrideRestoresTheDefault() {
        ExperimentConfig c = ConfigLoader.parse("model:\n  hidden: 4\n", "x.yml", List.of("model.hidden="));
        assertEquals(16, c.model().hidden());
    }

    @Test
    void anOverrideCanRepairTheFile() {
        ExperimentConfig c = ConfigLoader.parse("data:\n  type: csv\n", "x.yml",
                List.of("data.path=s.csv", "data.input_columns=[a, b]", "data.target_columns=c"));
        assertEquals("s.csv", c.data().path());
        assertEquals(List.of("a", "b"), c.data().inputColumns());
        assertEquals(List.of("c"), c.data().targetColumns());
    }

    @Test
    void anUnknownOverrideKeyIsNamed() {
        assertEquals("unknown key 'model.hiden' in --set model.hiden=3 (did you mean 'model.hidden'?)",
                failsWith("", "model.hiden=3"));
        assertContains(failsWith("", "modle.hidden=3"), "unknown key 'modle'", "--set modle.hidden=3", "'model'");
        assertContains(failsWith("", "seed.x=1"), "unknown key 'seed.x'", "--set seed.x=1");
        assertContains(failsWith("", "model={hiden: 8}"), "unknown key 'model.hiden'", "--set model={hiden: 8}");
    }

    @Test
    void aBadOverrideValueNamesTheOverride() {
        assertEquals("model.hidden must be an integer, but was 'abc' (--set model.hidden=abc)",
                failsWith("", "model.hidden=abc"));
        assertEquals("model.hidden must be > 0, but was -4 (--set model.hidden=-4)",
                failsWith("model:\n  hidden: 8\n", "model.hidden=-4"));
        assertContains(failsWith("", "optimizer.lr=.nan"), "optimizer.lr", "'.nan'", "--set optimizer.lr=.nan");
        assertContains(failsWith("", "data.frequency=[1"), "YAML syntax error", "--set data.frequency=[1");
        assertContains(failsWith("", "hidden"), "--set expects key=value", "'hidden'");
    }

    @Test
    void aProblemInTheFileStillNamesItsLineWhenOtherKeysAreOverridden() {
        assertContains(failsWith("model:\n  hidden: -1\n", "model.layers=2"), "model.hidden must be > 0", "line 2");
    }

    // ---- writing ----------------------------------------------------------------------------------

    @Test
    void yamlRoundTripGivesAnEqualConfig() {
        ExperimentConfig full = ConfigLoader.parse(FULL, "full.yml");
        // A CSV experiment: its world, controller and chemotaxis sections are not written, so they read back as defaults.
        assertNotEquals(full, full.withUnusedSectionsAtDefaults());
        assertEquals(full.withUnusedSectionsAtDefaults(), ConfigLoader.parse(ConfigLoader.toYaml(full), "written.yml"));
        ExperimentConfig chemo = ConfigLoader.parse(FULL, "full.yml", List.of("data.type=chemotaxis",
                "training.steps_per_epoch=4"));
        assertEquals(chemo.world(), chemo.withUnusedSectionsAtDefaults().world());
        assertEquals(chemo.withUnusedSectionsAtDefaults(), ConfigLoader.parse(ConfigLoader.toYaml(chemo), "written.yml"));
        ExperimentConfig defaults = ConfigLoader.loadDefault();
        assertEquals(defaults, ConfigLoader.parse(ConfigLoader.toYaml(defaults), "written.yml"));
        ExperimentConfig odd = ConfigLoader.applyOverrides(defaults,
                List.of("name='null'", "data.phase=[0.1, 0.2]", "seed=-9223372036854775808", "optimizer.lr=1e-300",
                        "model.init_seed=5", "data.input_columns=['1.5', 'yes', '#x']"));
        assertEquals("null", odd.name());
        assertEquals(List.of("1.5", "yes", "#x"), odd.data().inputColumns());
        assertEquals(odd, ConfigLoader.parse(ConfigLoader.toYaml(odd), "written.yml"));
    }

    @Test
    void theWrittenYamlHoldsOnlyTheSectionsThatApply() {
        java.util.function.Function<String, List<String>> sections = yaml -> yaml.lines()
                .filter(l -> l.matches("[a-z_]+:.*")).map(l -> l.substring(0, l.indexOf(':'))).toList();
        List<String> common = List.of("name", "seed", "model", "estimator", "optimizer", "training", "early_stopping",
                "runtime");
        List<String> sine = sections.apply(ConfigLoader.toYaml(ConfigLoader.loadDefault()));
        assertEquals(List.of("data", "objective", "generation"), sine.stream().filter(s -> !common.contains(s)).toList());
        List<String> chemo = sections.apply(ConfigLoader.toYaml(ConfigLoader.parse(
                "data: {type: chemotaxis}\ntraining: {steps_per_epoch: 3}\n", "c.yml")));
        assertEquals(List.of("data", "world", "controller", "chemotaxis"),
                chemo.stream().filter(s -> !common.contains(s)).toList());
        List<String> plugin = sections.apply(ConfigLoader.toYaml(ConfigLoader.parse(
                "problem: {type: thermo}\ntraining: {steps_per_epoch: 3}\n", "p.yml")));
        assertEquals(List.of("problem"), plugin.stream().filter(s -> !common.contains(s)).toList());
        assertTrue(sine.containsAll(common) && chemo.containsAll(common) && plugin.containsAll(common));
    }

    @Test
    void theWrittenYamlHoldsEveryPublicKey() {
        // Every key, gathered from the three kinds of experiment (each writes only its own sections).
        String yaml = ConfigLoader.toYaml(ConfigLoader.loadDefault())
                + ConfigLoader.toYaml(ConfigLoader.parse("data: {type: chemotaxis}\ntraining: {steps_per_epoch: 3}\n",
                        "c.yml"));
        for (String key : List.of("name:", "seed:", "model:", "type:", "hidden:", "layers:", "dt:", "init_seed:",
                "data:", "count:", "length:", "frequency:", "phase:", "amplitude:", "noise:", "validation_fraction:",
                "path:", "input_columns:", "target_columns:", "window:", "stride:", "target_shift:", "objective:",
                "washout:", "estimator:", "sigma:", "directions:", "shaping:", "sigma_lr:", "sigma_max_change:", "population:", "top_directions:", "optimizer:", "lr:", "momentum:", "beta1:",
                "beta2:", "eps:", "rho:", "weight_decay:", "clip_norm:", "schedule:", "lr_min:", "warmup_steps:",
                "step_every:", "step_gamma:", "max_speed:", "training:", "epochs:", "batch:", "steps_per_epoch:",
                "early_stopping:", "patience:", "min_delta:", "runtime:", "workers:",
                "task_size:", "generation:", "warmup:", "steps:", "world:", "field:", "duration:",
                "start_distance:", "arena:", "sensor_noise:", "controller:", "inputs:", "pirouette_output:",
                "max_turn_rate:", "max_pirouette_rate:", "control_dt:", "derivative_scale:", "sensor_tau:", "adapt_tau:", "chemotaxis:",
                "validation_episodes:", "validation_world:", "clip_loss:", "evaluation_seed:", "plot_worms:")) {
            assertTrue(yaml.contains(key), () -> key + " missing from\n" + yaml);
        }
        assertFalse(yaml.contains("earlyStopping"));
    }

    @Test
    void closestSuggestsOnlyNearNames() {
        assertEquals("model", ConfigLoader.closest("modle", List.of("name", "model", "data")));
        assertEquals("steps_per_epoch", ConfigLoader.closest("steps_per_epch", List.of("epochs", "steps_per_epoch")));
        assertNull(ConfigLoader.closest("xyz", List.of("model", "data")));
    }
}
