package org.chemotaxis.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A whole experiment, as read from YAML: immutable, fully resolved (every key has a value), and
 * checked by {@link #validate()}, the one place where configuration rules live. Load it with
 * {@link ConfigLoader}.
 *
 * <p>Sections {@code world}, {@code controller} and {@code chemotaxis} describe the chemotaxis
 * experiment ({@code data.type: chemotaxis}); other experiments ignore them.
 *
 * <p>Defaults are written once, in each section's {@code of(...)} factory; the YAML keys are the
 * component names in snake_case ({@code earlyStopping} is {@code early_stopping}). A new section
 * (say {@code worm}) is a new record component, a new factory argument and its rules in
 * {@link #problems()}; nothing else changes.
 */
public record ExperimentConfig(
        String name,
        long seed,
        ModelConfig model,
        DataConfig data,
        ObjectiveConfig objective,
        EstimatorConfig estimator,
        OptimizerConfig optimizer,
        TrainingConfig training,
        EarlyStoppingConfig earlyStopping,
        RuntimeConfig runtime,
        GenerationConfig generation,
        WorldSectionConfig world,
        ControllerConfig controller,
        ChemotaxisConfig chemotaxis,
        ProblemConfig problem) {

    public ExperimentConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(earlyStopping, "early_stopping");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(world, "world");
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(chemotaxis, "chemotaxis");
        Objects.requireNonNull(problem, "problem");
    }

    /** A null argument means "default"; a missing section is the section's defaults. */
    @JsonCreator
    public static ExperimentConfig of(
            String name,
            Long seed,
            ModelConfig model,
            DataConfig data,
            ObjectiveConfig objective,
            EstimatorConfig estimator,
            OptimizerConfig optimizer,
            TrainingConfig training,
            EarlyStoppingConfig earlyStopping,
            RuntimeConfig runtime,
            GenerationConfig generation,
            WorldSectionConfig world,
            ControllerConfig controller,
            ChemotaxisConfig chemotaxis,
            ProblemConfig problem) {
        return new ExperimentConfig(
                name != null ? name : "sine",
                seed != null ? seed : 1L,
                model != null ? model : ModelConfig.defaults(),
                data != null ? data : DataConfig.defaults(),
                objective != null ? objective : ObjectiveConfig.defaults(),
                estimator != null ? estimator : EstimatorConfig.defaults(),
                optimizer != null ? optimizer : OptimizerConfig.defaults(),
                training != null ? training : TrainingConfig.defaults(),
                earlyStopping != null ? earlyStopping : EarlyStoppingConfig.defaults(),
                runtime != null ? runtime : RuntimeConfig.defaults(),
                generation != null ? generation : GenerationConfig.defaults(),
                world != null ? world : WorldSectionConfig.defaults(),
                controller != null ? controller : ControllerConfig.defaults(),
                chemotaxis != null ? chemotaxis : ChemotaxisConfig.defaults(),
                problem != null ? problem : ProblemConfig.defaults());
    }

    public static ExperimentConfig defaults() {
        return of(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Seed of the parameter initialisation: {@code model.init_seed}, else {@code seed}. */
    /**
     * The sections this experiment never reads, by YAML name: a sequence task (sine, CSV) has no
     * world, controller, chemotaxis or problem; chemotaxis no objective, generation or problem; a
     * plugin problem none of those but its own. A run's config.yml leaves them out.
     */
    public List<String> unusedSections() {
        if (problem.given()) {
            return List.of("data", "objective", "generation", "world", "controller", "chemotaxis");
        }
        if (data.type() == DataConfig.Type.CHEMOTAXIS) {
            return List.of("objective", "generation", "problem");
        }
        return List.of("world", "controller", "chemotaxis", "problem");
    }

    /** This config with its {@link #unusedSections} at their defaults: what a run's config.yml reads back to. */
    public ExperimentConfig withUnusedSectionsAtDefaults() {
        ExperimentConfig d = defaults();
        List<String> unused = unusedSections();
        return new ExperimentConfig(name, seed, model,
                unused.contains("data") ? d.data() : data,
                unused.contains("objective") ? d.objective() : objective,
                estimator, optimizer, training, earlyStopping, runtime,
                unused.contains("generation") ? d.generation() : generation,
                unused.contains("world") ? d.world() : world,
                unused.contains("controller") ? d.controller() : controller,
                unused.contains("chemotaxis") ? d.chemotaxis() : chemotaxis,
                unused.contains("problem") ? d.problem() : problem);
    }

    public long initSeed() {
        return model.initSeed() != null ? model.initSeed() : seed;
    }

    /** One broken rule: the dotted key it is about, and the sentence to show. */
    public record Problem(String key, String message) {
    }

    /**
     * Throws {@link BadInputException} listing every broken rule (without source locations;
     * {@link ConfigLoader} adds the file line or the --set that gave each key). Returns this.
     */
    public ExperimentConfig validate() {
        List<Problem> problems = problems();
        if (!problems.isEmpty()) {
            throw new BadInputException(String.join("; ", problems.stream().map(Problem::message).toList()));
        }
        return this;
    }

    /** Every configuration rule of the project, in one place. Empty when the config is valid. */
    public List<Problem> problems() {
        Rules r = new Rules();
        if (name.isBlank()) {
            r.add("name", "name must not be empty");
        } else if (Limits.nameProblem("name", name) != null) {
            r.add("name", Limits.nameProblem("name", name));
        }

        r.between("model.hidden", model.hidden(), 1, Limits.MAX_HIDDEN);
        r.between("model.layers", model.layers(), 1, Limits.MAX_LAYERS);
        long recurrent = (long) model.hidden() * (model.hidden() + 1L) * model.layers();
        if (model.hidden() > 0 && model.hidden() <= Limits.MAX_HIDDEN && model.layers() > 0
                && model.layers() <= Limits.MAX_LAYERS && recurrent > Limits.MAX_PARAMETERS) {
            r.add("model.hidden", "model.hidden " + model.hidden() + " with model.layers " + model.layers()
                    + " gives more than " + recurrent + " parameters, and at most " + Limits.MAX_PARAMETERS
                    + " are allowed");
        }
        r.positiveFinite("model.dt", model.dt());

        DataConfig d = data;
        if (d.type() == DataConfig.Type.SINE) {
            r.between("data.count", d.count(), 2, Limits.MAX_DATA_SIZE);
            r.between("data.length", d.length(), 1, Limits.MAX_DATA_SIZE);
            if (d.count() <= Limits.MAX_DATA_SIZE && d.length() <= Limits.MAX_DATA_SIZE
                    && (long) d.count() * d.length() > Limits.MAX_SEQUENCE_VALUES) {
                r.add("data.count", "data.count × data.length must be at most " + Limits.MAX_SEQUENCE_VALUES
                        + " values, but was " + d.count() + " × " + d.length());
            }
            r.positiveFinite("data.dt", d.dt());
            r.range("data.frequency", d.frequency(), true);
            r.range("data.phase", d.phase(), false);
            r.finite("data.amplitude", d.amplitude());
            r.nonNegativeFinite("data.noise", d.noise());
        } else if (d.type() == DataConfig.Type.CSV) {
            if (d.path() == null || d.path().isBlank()) {
                r.add("data.path", "data.path must name a CSV file when data.type is csv");
            }
            r.columns("data.input_columns", d.inputColumns());
            r.columns("data.target_columns", d.targetColumns());
            r.between("data.window", d.window(), 1, Limits.MAX_DATA_SIZE);
            r.between("data.stride", d.stride(), 1, Limits.MAX_DATA_SIZE);
            r.between("data.target_shift", d.targetShift(), 0, Limits.MAX_DATA_SIZE);
        }
        if (!(d.validationFraction() > 0 && d.validationFraction() < 1)) {
            r.add("data.validation_fraction", "data.validation_fraction must be > 0 and < 1, but was "
                    + d.validationFraction());
        }

        r.atLeast("objective.washout", objective.washout(), 0);
        if (objective.washout() >= d.sequenceLength() && d.sequenceLength() > 0) {
            r.add("objective.washout", "objective.washout must be smaller than the sequence length "
                    + d.sequenceLength() + " (data." + (d.type() == DataConfig.Type.SINE ? "length" : "window")
                    + "), but was " + objective.washout());
        }

        r.positiveFinite("estimator.sigma", estimator.sigma());
        r.between("estimator.directions", estimator.directions(), 1, Limits.MAX_COUNT);
        if (estimator.shaping() != EstimatorConfig.Shaping.NONE && !estimator.type().shapeable()) {
            r.add("estimator.shaping", "estimator.shaping " + estimator.shaping().key() + " applies to the "
                    + "random-direction estimators (" + String.join(", ", java.util.Arrays.stream(EstimatorConfig.Type.values())
                            .filter(EstimatorConfig.Type::shapeable).map(EstimatorConfig.Type::key).toList())
                    + "), not to " + estimator.type().key());
        }
        if (estimator.sigmaLr() != null) {
            r.nonNegativeFinite("estimator.sigma_lr", estimator.sigmaLr());
        }
        if (estimator.population() != null) {
            r.between("estimator.population", estimator.population(), 2, Limits.MAX_COUNT);
            if (estimator.type() == EstimatorConfig.Type.SNES && estimator.population() % 2 != 0) {
                r.add("estimator.population", "estimator.population must be even for snes (mirrored pairs), but was "
                        + estimator.population());
            }
        }
        if (estimator.topDirections() != null) {
            r.between("estimator.top_directions", estimator.topDirections(), 1, Limits.MAX_COUNT);
            if (estimator.type() == EstimatorConfig.Type.ARS && estimator.topDirections() > estimator.directions()) {
                r.add("estimator.top_directions", "estimator.top_directions must not exceed estimator.directions ("
                        + estimator.directions() + "), but was " + estimator.topDirections());
            }
        }
        if (!(estimator.sigmaMaxChange() > 0 && estimator.sigmaMaxChange() < 1)) {
            r.add("estimator.sigma_max_change", "estimator.sigma_max_change must be > 0 and < 1, but was "
                    + estimator.sigmaMaxChange());
        }

        OptimizerConfig o = optimizer;
        r.positiveFinite("optimizer.lr", o.lr());
        r.unitInterval("optimizer.momentum", o.momentum());
        r.unitInterval("optimizer.beta1", o.beta1());
        r.unitInterval("optimizer.beta2", o.beta2());
        r.positiveFinite("optimizer.eps", o.eps());
        r.unitInterval("optimizer.rho", o.rho());
        r.nonNegativeFinite("optimizer.weight_decay", o.weightDecay());
        r.nonNegativeFinite("optimizer.clip_norm", o.clipNorm());
        r.nonNegativeFinite("optimizer.lr_min", o.lrMin());
        if (o.lrMin() > o.lr() && Double.isFinite(o.lr())) {
            r.add("optimizer.lr_min", "optimizer.lr_min must not exceed optimizer.lr (" + o.lr() + "), but was "
                    + o.lrMin());
        }
        r.atLeast("optimizer.warmup_steps", o.warmupSteps(), 0);
        r.positive("optimizer.step_every", o.stepEvery());
        if (o.maxSpeed() != null) {
            r.positiveFinite("optimizer.max_speed", o.maxSpeed());
        }
        if (!(o.stepGamma() > 0 && o.stepGamma() <= 1)) {
            r.add("optimizer.step_gamma", "optimizer.step_gamma must be > 0 and <= 1, but was " + o.stepGamma());
        }

        r.between("training.epochs", training.epochs(), 1, Limits.MAX_COUNT);
        r.between("training.batch", training.batch(), 1, Limits.MAX_COUNT);
        r.between("training.steps_per_epoch", training.stepsPerEpoch(), 0, Limits.MAX_COUNT);

        r.atLeast("early_stopping.patience", earlyStopping.patience(), 0);
        r.nonNegativeFinite("early_stopping.min_delta", earlyStopping.minDelta());

        r.between("runtime.workers", runtime.workers(), 0, Limits.MAX_WORKERS);
        r.between("runtime.task_size", runtime.taskSize(), 0, Limits.MAX_COUNT);

        r.between("generation.warmup", generation.warmup(), 0, Limits.MAX_GENERATION_STEPS);
        r.between("generation.steps", generation.steps(), 1, Limits.MAX_GENERATION_STEPS);

        chemotaxisRules(r);

        if (problem.given() && !problem.type().matches("[a-z0-9_-]+")) {
            r.add("problem.type", "problem.type must be a problem's name (lower case letters, digits, '-', '_'), but was '"
                    + problem.type() + "'");
        }
        r.between("problem.validation_episodes", problem.validationEpisodes(), 1, Limits.MAX_EPISODES);
        if (problem.given() && estimator.type() == EstimatorConfig.Type.BPTT) {
            r.add("estimator.type", "estimator.type bptt needs an exact gradient through the problem, which a plugin "
                    + "problem does not give; choose forward, central, gaussian, spsa or node");
        }
        if (problem.given() && training.stepsPerEpoch() < 1) {
            r.add("training.steps_per_epoch", "training.steps_per_epoch must be > 0 when problem.type is given "
                    + "(there is no dataset whose size would set it), but was " + training.stepsPerEpoch());
        }
        return r.problems;
    }

    /**
     * The numbers of the world, controller and chemotaxis sections. Checked whatever data.type is,
     * so that a wrong value never waits silently for the day it is used. Whether the field and
     * arena specs and the inputs mean something is the domain's to say ({@link ConfigCheck}).
     */
    private void chemotaxisRules(Rules r) {
        WorldSectionConfig w = world;
        r.positiveFinite("world.dt", w.dt());
        r.positiveFinite("world.duration", w.duration());
        if (w.dt() > 0 && w.duration() > 0 && w.dt() > w.duration()) {
            r.add("world.duration", "world.duration must be at least world.dt (" + w.dt() + "), but was " + w.duration());
        } else if (w.dt() > 0 && w.duration() / w.dt() > Limits.MAX_WORLD_STEPS) {
            r.add("world.duration", "world.duration / world.dt must be at most " + Limits.MAX_WORLD_STEPS
                    + " world steps, but was " + w.duration() + " / " + w.dt());
        }
        r.positiveFinite("world.start_distance", w.startDistance());
        r.range("world.sensor_noise", w.sensorNoise(), true);

        ControllerConfig c = controller;
        if (c.inputs().isEmpty()) {
            r.add("controller.inputs", "controller.inputs must name at least one of c, logc, dlogc, sin, cos");
        }
        r.positiveFinite("controller.max_turn_rate", c.maxTurnRate());
        r.positiveFinite("controller.max_pirouette_rate", c.maxPirouetteRate());
        r.positiveFinite("controller.control_dt", c.controlDt());
        r.positiveFinite("controller.derivative_scale", c.derivativeScale());
        r.nonNegativeFinite("controller.sensor_tau", c.sensorTau());
        r.nonNegativeFinite("controller.adapt_tau", c.adaptTau());

        ChemotaxisConfig x = chemotaxis;
        r.between("chemotaxis.validation_episodes", x.validationEpisodes(), 1, Limits.MAX_EPISODES);
        r.between("chemotaxis.plot_worms", x.plotWorms(), 1, Limits.MAX_PLOT_WORMS);
        if (data.type() == DataConfig.Type.CHEMOTAXIS && training.stepsPerEpoch() < 1) {
            r.add("training.steps_per_epoch", "training.steps_per_epoch must be > 0 when data.type is chemotaxis "
                    + "(there is no dataset whose size would set it), but was " + training.stepsPerEpoch());
        }
        if (data.type() == DataConfig.Type.CHEMOTAXIS && estimator.type() == EstimatorConfig.Type.BPTT) {
            r.add("estimator.type", "estimator.type bptt needs a differentiable objective, and the chemotaxis "
                    + "objective is not (pirouettes); choose a perturbation estimator");
        }
    }

    /** Sentence builders, so that every message has the same shape: key, rule, offending value. */
    private static final class Rules {
        final List<Problem> problems = new ArrayList<>();

        void add(String key, String message) {
            problems.add(new Problem(key, message));
        }

        void positive(String key, long v) {
            atLeast(key, v, 1);
        }

        void atLeast(String key, long v, long min) {
            if (v < min) {
                add(key, key + " must be " + (min == 1 ? "> 0" : ">= " + min) + ", but was " + v);
            }
        }

        /** {@code min <= v <= max}; below the range the message reads as {@link #atLeast}'s. */
        void between(String key, long v, long min, long max) {
            if (v < min) {
                atLeast(key, v, min);
            } else if (v > max) {
                add(key, key + " must be at most " + max + ", but was " + v);
            }
        }

        void finite(String key, double v) {
            if (!Double.isFinite(v)) {
                add(key, key + " must be a finite number, but was " + v);
            }
        }

        void positiveFinite(String key, double v) {
            if (!(v > 0) || !Double.isFinite(v)) {
                add(key, key + " must be a finite number > 0, but was " + v);
            }
        }

        void nonNegativeFinite(String key, double v) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                add(key, key + " must be a finite number >= 0, but was " + v);
            }
        }

        void unitInterval(String key, double v) {
            if (!(v >= 0 && v < 1)) {
                add(key, key + " must be >= 0 and < 1, but was " + v);
            }
        }

        void range(String key, Range range, boolean nonNegative) {
            if (!Double.isFinite(range.min()) || !Double.isFinite(range.max())) {
                add(key, key + " must be finite, but was " + range);
            } else if (range.min() > range.max()) {
                add(key, key + " must be a number or [min, max] with min <= max, but was " + range);
            } else if (nonNegative && range.min() < 0) {
                add(key, key + " must be >= 0, but was " + range);
            }
        }

        void columns(String key, List<String> names) {
            if (names.isEmpty()) {
                add(key, key + " must list at least one column when data.type is csv");
                return;
            }
            Set<String> seen = new HashSet<>();
            for (String n : names) {
                if (n == null || n.isBlank()) {
                    add(key, key + " must not contain an empty column name, but was " + names);
                    return;
                }
                if (!seen.add(n)) {
                    add(key, key + " names column '" + n + "' twice");
                    return;
                }
            }
        }
    }
}
