package org.chemotaxis.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;
import org.chemotaxis.util.RandomStreams;

/**
 * A plugin run's network on items (episodes) it never met: items 0 .. n-1 of a test key, which
 * neither a training step (keyed by epoch and step) nor validation (a key of its own) uses. The
 * loss is the problem's, as in training; the metric is the problem's metric of that loss.
 */
public final class ProblemScoring {

    /** Test items unless the caller says otherwise. */
    public static final int ITEMS = 400;

    private ProblemScoring() {
    }

    /** The test key of a run's seed: another purpose than every training and validation key. */
    public static long testSeed(long runSeed) {
        return RandomStreams.key(runSeed, RandomStreams.Purpose.TEST, 0, 0);
    }

    /**
     * The score, in the order {@code evaluate} prints it.
     *
     * @param seed  the test key; null derives it from the run's seed
     * @param items how many test items; null for {@link #ITEMS}
     */
    public static Map<String, Object> score(ProblemExperiment exp, double[] theta, Long seed, Integer items) {
        long key = seed != null ? seed : testSeed(exp.config().seed());
        int n = items != null ? items : ITEMS;
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        Evaluator ev = exp.objective().newEvaluator();
        ev.select(new Sample(indices, key));
        double loss = ev.loss(theta);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("problem", exp.entry().name());
        out.put("items", n);
        out.put("test_seed", key);
        out.put("loss", loss);
        out.put("metric_name", exp.metricName());
        out.put("metric", exp.lossToMetric().applyAsDouble(loss));
        return out;
    }
}
