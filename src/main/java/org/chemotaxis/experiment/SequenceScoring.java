package org.chemotaxis.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.chemotaxis.config.DataConfig;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.data.SequenceDataset;
import org.chemotaxis.data.SineDataset;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;
import org.chemotaxis.util.RandomStreams;

/**
 * A sequence run's model on data it never saw: fresh waves of the test stream for sine, the
 * validation split for CSV (the only held-out data there is), and a closed-loop generation.
 */
public final class SequenceScoring {

    private SequenceScoring() {
    }

    /**
     * The score, in the order {@code evaluate} prints it.
     *
     * @param seed seed of the fresh test waves; null derives it from the run's seed
     */
    public static Map<String, Object> score(SequenceExperiment exp, double[] theta, Long seed) {
        ExperimentConfig c = exp.config();
        Map<String, Object> out = new LinkedHashMap<>();
        SequenceExperiment test;
        int[] rows;
        if (exp.dataset() instanceof SineDataset) {
            DataConfig d = c.data();
            long testSeed = seed != null ? seed : RandomStreams.key(c.seed(), RandomStreams.Purpose.TEST, 0, 1);
            SequenceDataset fresh = new SineDataset(testSeed, d.count(), d.length(), d.dt(), d.frequency().interval(),
                    d.phase().interval(), d.amplitude(), d.noise());
            test = new SequenceExperiment(c, fresh);
            rows = new int[fresh.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
            out.put("data", "fresh sine waves");
            out.put("test_seed", testSeed);
        } else {
            test = exp;
            rows = exp.loader().validationIndices();
            out.put("data", "validation split");
        }
        Evaluator ev = test.objective().newEvaluator();
        ev.select(Sample.of(rows));
        double mse = ev.loss(theta);
        out.put("sequences", rows.length);
        out.put("objective", c.objective().type().key());
        out.put("mse", mse);
        out.put("r2", 1 - mse / test.targetVariance(rows));
        var g = c.generation();
        if (Generation.unsupported(exp) == null) {
            // Only where the model predicts its own next input: otherwise the number would mean nothing.
            Generation.Result gen = Generation.run(exp, theta, g.warmup(), g.steps());
            out.put("generation_warmup", g.warmup());
            out.put("generation_steps", gen.time().length);
            out.put("generation_mse", gen.mse());
        }
        return out;
    }
}
