package org.chemotaxis.experiment;

import java.util.function.DoubleUnaryOperator;
import org.chemotaxis.api.Problem;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.problem.ProblemObjective;
import org.chemotaxis.problem.ProblemRegistry;
import org.chemotaxis.train.EpisodeSamples;
import org.chemotaxis.train.SampleSource;

/**
 * A plugin's problem ({@code problem.type}): the configured network, sized by the problem, trained
 * on it. Each optimizer step measures its perturbations on {@code training.batch} fresh items
 * (episodes), keyed by (seed, epoch, step); validation is a fixed sample of
 * {@code problem.validation_episodes} items of its own key.
 */
public final class ProblemExperiment implements Experiment {

    private final ExperimentConfig config;
    private final ProblemRegistry.Entry entry;
    private final Problem problem;
    private final RecurrentModel model;
    private final ProblemObjective objective;
    private final SampleSource samples;

    public ProblemExperiment(ExperimentConfig config, ProblemRegistry registry) {
        this.config = config;
        this.entry = registry.get(config.problem().type());
        this.problem = ProblemRules.create(entry, config.problem().params());
        int[] sizes = ProblemObjective.sizes(problem);
        this.model = SequenceExperiment.buildModel(config, sizes[0], sizes[1]);
        this.objective = ProblemObjective.of(entry.name(), problem, model, config.training().batch());
        this.samples = new EpisodeSamples(config.seed(), config.training().stepsPerEpoch(),
                config.problem().validationEpisodes());
    }

    /** Where the problem came from (a plugin jar or the class path) and the jar's SHA-256 (null on the class path). */
    public ProblemRegistry.Entry entry() {
        return entry;
    }

    public Problem problem() {
        return problem;
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

    @Override
    public SampleSource samples() {
        return samples;
    }

    @Override
    public String metricName() {
        return problem.metricName();
    }

    @Override
    public DoubleUnaryOperator lossToMetric() {
        return problem::metric;
    }
}
