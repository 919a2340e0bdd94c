package org.chemotaxis.worm;

import java.util.List;
import org.chemotaxis.model.NoiseSource;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Objective;
import org.chemotaxis.task.Sample;

/**
 * Chemotaxis as an {@link Objective}: a network controller ({@link NetworkController}) steers
 * {@code episodes} worms, and the loss is the mean over them of 1 - F (F clipped at 0 as in the
 * score; with {@code clip} false the unclipped 1 - mean r / r0, which still ranks worms that
 * drift away from the peak). Episode i of a sample is keyed (sample.seed(), EPISODE, 0, i): every
 * perturbation scored on one sample meets the same starts and the same noise (common random
 * numbers), and the next sample's seed brings fresh episodes. A sample without indices
 * ({@link Sample#ofSeed}) runs episodes 0 .. episodes-1; one with indices runs exactly those
 * episodes, which must be consecutive (a validation sample larger than a training batch).
 *
 * <p>Training may use a coarser, shorter world than evaluation (e.g. dt = 0.1 s, 200 s); the
 * network's controlDt must be a whole multiple of the world's dt. The episodes are the rows of
 * one batch, so node noise has {@code episodes x model.noiseSize()} values per network step and
 * {@link Evaluator#timeSteps()} network steps per sample. No exact gradient: the world is not
 * differentiable (pirouettes).
 */
public final class ChemotaxisObjective implements Objective {

    private final RecurrentModel model;
    private final NetworkSpec network;
    private final List<ConcentrationField> fields;
    private final WorldConfig world;
    private final int episodes;
    private final boolean clip;

    public ChemotaxisObjective(RecurrentModel model, NetworkSpec network, ConcentrationField field, WorldConfig world,
                               int episodes) {
        this(model, network, field, world, episodes, true);
    }

    public ChemotaxisObjective(RecurrentModel model, NetworkSpec network, ConcentrationField field, WorldConfig world,
                               int episodes, boolean clip) {
        this(model, network, field == null ? null : List.of(field), world, episodes, clip);
    }

    /**
     * Training on a family of fields: each episode runs on one of {@code fields}, picked per
     * episode ({@link WormSimulator}); the first is the field of plots and evaluations.
     */
    public ChemotaxisObjective(RecurrentModel model, NetworkSpec network, List<ConcentrationField> fields,
                               WorldConfig world, int episodes, boolean clip) {
        if (model == null || network == null || fields == null || fields.isEmpty() || world == null) {
            throw new IllegalArgumentException("model, network, at least one field and world must be given");
        }
        Checks.positive(episodes, "training.batch");
        // Fail here, when the job is built, with the checks every evaluator would make later.
        network.stepsPerControl(world.dt());
        new NetworkController(model, network);
        new WormSimulator(fields, world, 1);
        this.model = model;
        this.network = network;
        this.fields = List.copyOf(fields);
        this.world = world;
        this.episodes = episodes;
        this.clip = clip;
    }

    public RecurrentModel model() {
        return model;
    }

    public NetworkSpec network() {
        return network;
    }

    /** The first field: that of plots and evaluations. */
    public ConcentrationField field() {
        return fields.get(0);
    }

    /** The fields training episodes run on (one, or a family). */
    public List<ConcentrationField> fields() {
        return fields;
    }

    public WorldConfig world() {
        return world;
    }

    public int episodes() {
        return episodes;
    }

    public boolean clip() {
        return clip;
    }

    @Override
    public int parameterCount() {
        return model.parameterCount();
    }

    /**
     * A one-layer Elman network is scored on {@link BatchWorld} (many perturbed copies per run,
     * fast deterministic functions); any other model on the reference world.
     */
    @Override
    public Evaluator newEvaluator() {
        return BatchWorld.supports(model) ? new BatchChemotaxisEvaluator(this, newReferenceEvaluator())
                : newReferenceEvaluator();
    }

    /** An evaluator on the reference world: {@link WormSimulator} and {@link NetworkController}, StrictMath. */
    Evaluator newReferenceEvaluator() {
        return new ChemotaxisEvaluator();
    }

    @Override
    public boolean supportsGradient() {
        return false;
    }

    @Override
    public boolean supportsNodeNoise() {
        return true;
    }

    /** A controller for {@code theta} (held by reference), e.g. for {@link ChemotaxisEvaluation} at dt = 0.01 s. */
    public NetworkController controller(double[] theta) {
        return NetworkController.of(model, theta, network);
    }

    /** Scores {@code theta} like the baselines: {@code starts} episodes of {@code world} from {@code seed}. */
    public ChemotaxisEvaluation.Result evaluate(double[] theta, WorldConfig world, long seed, int starts) {
        return ChemotaxisEvaluation.evaluate(field(), world, controller(theta), seed, starts);
    }

    private final class ChemotaxisEvaluator implements Evaluator {
        private WormSimulator sim = new WormSimulator(fields, world, episodes);
        private final NetworkController controller = new NetworkController(model, network);
        private final int timeSteps = network.controlSteps(world.steps(), world.dt());
        private Sample sample;

        @Override
        public void select(Sample sample) {
            if (sample == null) {
                throw new IllegalArgumentException("sample must be given");
            }
            for (int i = 1; i < sample.size(); i++) {
                if (sample.index(i) != sample.index(0) + i) {
                    throw new IllegalArgumentException("a chemotaxis sample's episode indices must be consecutive, but "
                            + sample.index(i - 1) + " is followed by " + sample.index(i));
                }
            }
            if (sample.size() > sim.capacity()) {
                sim = new WormSimulator(fields, world, sample.size());
            }
            this.sample = sample;
        }

        @Override
        public double loss(double[] theta) {
            return run(theta, null, null, null);
        }

        @Override
        public double loss(double[] theta, NoiseSource noise) {
            if (noise == null) {
                throw new IllegalArgumentException("noise must be given");
            }
            return run(theta, noise, null, null);
        }

        @Override
        public double lossAndGradient(double[] theta, double[] grad) {
            throw new UnsupportedOperationException("chemotaxis has no exact gradient (pirouettes are discrete); "
                    + "use a perturbation estimator");
        }

        @Override
        public double localGradient(double[] theta, NoiseSource cotangent, double[] grad) {
            if (cotangent == null || grad == null || grad.length != parameterCount()) {
                throw new IllegalArgumentException("cotangent and grad of length " + parameterCount() + " must be given");
            }
            return run(theta, null, cotangent, grad);
        }

        private double run(double[] theta, NoiseSource noise, NoiseSource cotangent, double[] grad) {
            if (sample == null) {
                throw new IllegalStateException("no sample selected: call select(sample) first");
            }
            int first = sample.size() > 0 ? sample.index(0) : 0;
            int count = sample.size() > 0 ? sample.size() : episodes;
            if ((noise != null || cotangent != null) && count != episodes) {
                throw new IllegalArgumentException("node noise is sized for " + episodes + " episodes, but the sample has "
                        + count);
            }
            controller.parameters(theta).noise(noise).cotangent(cotangent, grad);
            try {
                sim.run(controller, sample.seed(), 0, first, count);
            } finally {
                controller.noise(null).cotangent(null, null);
            }
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += 1 - (clip ? sim.score(i) : sim.rawScore(i));
            }
            return sum / count;
        }

        @Override
        public int noiseWidth() {
            return episodes * model.noiseSize();
        }

        @Override
        public int timeSteps() {
            return timeSteps;
        }
    }
}
