package org.chemotaxis.experiment;

import java.nio.file.Path;
import java.util.Map;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.report.Comparison;
import org.chemotaxis.report.MetricsTable;
import org.chemotaxis.report.RunFolder;

/**
 * One run folder scored for a comparison ({@link Comparison}): from its metrics.csv the training
 * episodes until the validation metric first reached a threshold and the validation curve; its
 * saved model scored on test items that every compared run meets (the same test key for all, so
 * the numbers differ by the networks only); its training wall time (the sum of its epochs).
 */
public final class RunComparison {

    /**
     * What every run is measured by.
     *
     * @param threshold  the validation metric to reach (e.g. F 0.72)
     * @param testSeed   the key of the test items, the same for every run; null: the evaluation seed
     *                   of a default config, fresh for every run (no run of any seed trains or
     *                   validates on it)
     * @param testItems  test items (chemotaxis: starts in the reference world); null for 400
     */
    public record Options(double threshold, Long testSeed, Integer testItems) {
    }

    private RunComparison() {
    }

    /** The test key of the options, resolved. */
    public static long testSeed(Options o) {
        return o.testSeed() != null ? o.testSeed() : ChemotaxisExperiment.evaluationSeed(ExperimentConfig.defaults());
    }

    /**
     * Scores one run.
     *
     * @param group what the run is compared as (e.g. its config's name: the technique)
     * @param theta the run's saved model
     */
    public static Comparison.Run score(String group, Path runDir, Experiment exp, double[] theta, Options o) {
        Path csv = runDir.resolve(RunFolder.METRICS);
        MetricsTable m = MetricsTable.read(csv);
        if (m.size() == 0) {
            throw new BadInputException(csv + " has no epochs: nothing to compare");
        }
        double[] metric = m.column("metric");
        double[] episodes = m.column("train_episodes");
        double[] validations = m.column("validation_episodes");
        double[] seconds = m.column("seconds");
        double reached = Double.POSITIVE_INFINITY;
        double wall = 0;
        for (int i = 0; i < metric.length; i++) {
            if (metric[i] >= o.threshold() && Double.isInfinite(reached)) {
                reached = episodes[i];
            }
            wall += seconds[i];
        }
        double[] test = test(exp, theta, o);
        int last = metric.length - 1;
        return new Comparison.Run(group, runDir.getFileName().toString(), exp.config().seed(), exp.metricName(), reached,
                (long) episodes[last], (long) validations[last], test[0], test[1], wall, episodes, metric);
    }

    /** The test metric and its standard error (0 where the scorer gives none). */
    private static double[] test(Experiment exp, double[] theta, Options o) {
        long seed = testSeed(o);
        if (exp instanceof ChemotaxisExperiment c) {
            ChemotaxisScoring scoring = new ChemotaxisScoring(c.config(), new ChemotaxisScoring.Options(null,
                    o.testItems(), null, null, null, null, null, seed));
            Map<String, Object> s = scoring.score(ChemotaxisScoring.network(c, theta));
            return new double[] {(Double) s.get("F"), (Double) s.get("F_se")};
        }
        if (exp instanceof ProblemExperiment p) {
            Map<String, Object> s = ProblemScoring.score(p, theta, seed, o.testItems());
            return new double[] {(Double) s.get("metric"), 0};
        }
        if (exp instanceof SequenceExperiment q) {
            Map<String, Object> s = SequenceScoring.score(q, theta, seed);
            return new double[] {(Double) s.get("r2"), 0};
        }
        throw new BadInputException("cannot compare a run of " + exp.getClass().getSimpleName());
    }
}
