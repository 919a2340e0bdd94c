package org.chemotaxis.experiment;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.chemotaxis.problem.ModelNetwork;
import org.chemotaxis.problem.ProblemObjective;
import org.chemotaxis.config.ChemotaxisConfig.ValidationWorld;
import org.chemotaxis.config.ControllerConfig;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.config.WorldSectionConfig;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.train.EpisodeSamples;
import org.chemotaxis.train.SampleSource;
import org.chemotaxis.util.RandomStreams;
import org.chemotaxis.util.RandomStreams.Purpose;
import org.chemotaxis.worm.ArenaSpec;
import org.chemotaxis.worm.ChemotaxisProblem;
import org.chemotaxis.worm.NetworkController;
import org.chemotaxis.worm.ConcentrationField;
import org.chemotaxis.worm.FieldSpec;
import org.chemotaxis.worm.NetworkSpec;
import org.chemotaxis.worm.Start;
import org.chemotaxis.worm.WorldConfig;

/**
 * Experiment 1: a generic recurrent network steers simulated worms up a salt gradient
 * ({@link ChemotaxisProblem}, a problem of the public API like any plugin's, run through
 * {@link ProblemObjective}; docs/CHEMOTAXIS.md). Each optimizer step scores its
 * perturbations on {@code training.batch} fresh episodes, keyed by (seed, epoch, step), so no
 * two steps share a start; validation is a fixed set of {@code chemotaxis.validation_episodes}
 * episodes; evaluation ({@link #evaluationSeed}) uses yet another seed. The metric is F, the
 * fitness of Izquierdo and Lockery (2010), measured in the training world.
 */
public final class ChemotaxisExperiment implements Experiment {

    private final ExperimentConfig config;
    private final NetworkSpec network;
    private final ConcentrationField field;
    private final WorldConfig world;
    private final RecurrentModel model;
    private final ChemotaxisProblem problem;
    private final ProblemObjective objective;
    private final ProblemObjective validationObjective;
    private final SampleSource samples;

    public ChemotaxisExperiment(ExperimentConfig config) {
        this.config = config;
        this.network = networkSpec(config.controller());
        List<ConcentrationField> fields = config.world().field().specs().stream().map(FieldSpec::parse).toList();
        this.field = fields.get(0);
        this.world = trainingWorld(config.world());
        this.model = SequenceExperiment.buildModel(config, network.inputSize(), network.outputSize());
        this.problem = new ChemotaxisProblem(network, fields, world, config.chemotaxis().clipLoss());
        this.objective = ProblemObjective.of("chemotaxis", problem, model, config.training().batch());
        this.validationObjective = config.chemotaxis().validationWorld() == ValidationWorld.REFERENCE
                ? ProblemObjective.of("chemotaxis", new ChemotaxisProblem(network, List.of(field), evaluationWorld(),
                        config.chemotaxis().clipLoss()), model, config.chemotaxis().validationEpisodes())
                : objective;
        this.samples = new EpisodeSamples(config.seed(), config.training().stepsPerEpoch(),
                config.chemotaxis().validationEpisodes());
    }

    static NetworkSpec networkSpec(ControllerConfig c) {
        return new NetworkSpec(c.inputs().stream().map(NetworkSpec.Input::parse).toList(), c.pirouetteOutput(),
                c.maxTurnRate(), c.maxPirouetteRate(), c.controlDt(), c.derivativeScale(), c.sensorTau(),
                c.adaptTau());
    }

    /** The reference world with the section's dt, duration, start distance, arena and sensor noise. */
    static WorldConfig trainingWorld(WorldSectionConfig w) {
        return WorldConfig.defaults().withDt(w.dt()).withDuration(w.duration())
                .withStart(Start.ring(w.startDistance())).withArena(ArenaSpec.parse(w.arena()))
                .withSensorNoise(w.sensorNoise().min(), w.sensorNoise().max());
    }

    /**
     * The world of evaluations: the reference world (dt 0.01 s, 500 s, open, no sensor noise),
     * except for the start distance and arena of the experiment.
     */
    public WorldConfig evaluationWorld() {
        return WorldConfig.defaults().withStart(Start.ring(config.world().startDistance()))
                .withArena(ArenaSpec.parse(config.world().arena()));
    }

    /** Seed of fresh evaluation starts: chemotaxis.evaluation_seed, else one derived from the seed. */
    public long evaluationSeed() {
        return evaluationSeed(config);
    }

    /**
     * The evaluation seed of any config (also one whose data.type is not chemotaxis, e.g. the
     * defaults, whose seed a baseline evaluation uses): training and validation episodes come
     * from other purposes of the same seed, so these starts are fresh.
     */
    public static long evaluationSeed(ExperimentConfig config) {
        Long s = config.chemotaxis().evaluationSeed();
        return s != null ? s : RandomStreams.key(config.seed(), Purpose.TEST, 0, 0);
    }

    @Override
    public ExperimentConfig config() {
        return config;
    }

    @Override
    public RecurrentModel model() {
        return model;
    }

    @Override
    public ProblemObjective objective() {
        return objective;
    }

    /**
     * Validation runs in the world of the test (chemotaxis.validation_world: reference, the default):
     * {@link #evaluationWorld()} on the first field, on validation starts that are neither training
     * nor test starts; or in the training world.
     */
    @Override
    public ProblemObjective validationObjective() {
        return validationObjective;
    }

    /** The problem the objective wraps: its world, fields and wiring. */
    public ChemotaxisProblem problem() {
        return problem;
    }

    /** A controller of the reference world steered by the network with parameters {@code theta} (held by reference). */
    public NetworkController controller(double[] theta) {
        return problem.controller(ModelNetwork.of(model, theta));
    }

    @Override
    public SampleSource samples() {
        return samples;
    }

    public NetworkSpec network() {
        return network;
    }

    public ConcentrationField field() {
        return field;
    }

    /** The world training episodes run in (and validation episodes with chemotaxis.validation_world: training). */
    public WorldConfig world() {
        return world;
    }

    @Override
    public String metricName() {
        return problem.metricName();
    }

    /** F = 1 - loss ({@link ChemotaxisProblem#metric}). */
    @Override
    public DoubleUnaryOperator lossToMetric() {
        return problem::metric;
    }
}
