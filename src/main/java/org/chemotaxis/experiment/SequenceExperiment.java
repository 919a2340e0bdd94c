package org.chemotaxis.experiment;

import java.util.function.DoubleUnaryOperator;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.data.DataLoader;
import org.chemotaxis.data.SequenceDataset;
import org.chemotaxis.metrics.Metrics;
import org.chemotaxis.model.CtrnnModel;
import org.chemotaxis.model.ElmanModel;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.task.Sample;
import org.chemotaxis.task.SequenceRegression;
import org.chemotaxis.train.SampleSource;

/** Sequence regression (sine waves, CSV series): a recurrent model predicts the next value. */
public final class SequenceExperiment implements Experiment {

    private final ExperimentConfig config;
    private final SequenceDataset dataset;
    private final RecurrentModel model;
    private final SequenceRegression objective;
    private final DataLoader loader;
    private final SampleSource samples;
    private final double validationTargetVariance;

    public SequenceExperiment(ExperimentConfig config) {
        this(config, Datasets.of(config));
    }

    public SequenceExperiment(ExperimentConfig config, SequenceDataset dataset) {
        this.config = config;
        this.dataset = dataset;
        this.model = buildModel(config, dataset.inputSize(), dataset.targetSize());
        this.objective = SequenceRegression.builder(dataset, model)
                .mode(SequenceRegression.Mode.parse(config.objective().type().key()))
                .washout(config.objective().washout())
                .build();
        this.loader = Datasets.loader(config, dataset.size());
        Sample validation = Sample.of(loader.validationIndices());
        this.samples = new SampleSource() {
            @Override
            public int stepsPerEpoch() {
                return loader.stepsPerEpoch();
            }

            @Override
            public Sample train(long epoch, int batch) {
                return Sample.of(loader.batch(epoch, batch));
            }

            @Override
            public Sample validation() {
                return validation;
            }
        };
        this.validationTargetVariance = targetVariance(loader.validationIndices());
    }

    static RecurrentModel buildModel(ExperimentConfig config, int inputs, int outputs) {
        var m = config.model();
        return switch (m.type()) {
            case ELMAN -> new ElmanModel(inputs, m.hidden(), m.layers(), outputs);
            case CTRNN -> new CtrnnModel(inputs, m.hidden(), outputs, m.dt());
        };
    }

    /** Variance of the targets that the loss counts (after the washout) of these rows: R^2 = 1 - MSE / variance. */
    public double targetVariance(int[] rows) {
        int washout = config.objective().washout();
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (int r : rows) {
            for (int t = washout; t < dataset.length(); t++) {
                for (int i = 0; i < dataset.targetSize(); i++) {
                    double y = dataset.target(r, t, i);
                    sum += y;
                    sq += y * y;
                    n++;
                }
            }
        }
        double mean = sum / n;
        return sq / n - mean * mean;
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
    public SequenceRegression objective() {
        return objective;
    }

    @Override
    public SampleSource samples() {
        return samples;
    }

    public SequenceDataset dataset() {
        return dataset;
    }

    public DataLoader loader() {
        return loader;
    }

    @Override
    public String metricName() {
        return "r2";
    }

    @Override
    public DoubleUnaryOperator lossToMetric() {
        double variance = validationTargetVariance;
        return mse -> Metrics.rSquared(mse, variance);
    }
}
