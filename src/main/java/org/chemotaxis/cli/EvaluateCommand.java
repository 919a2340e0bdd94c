package org.chemotaxis.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.data.SequenceDataset;
import org.chemotaxis.data.SineDataset;
import org.chemotaxis.experiment.Generation;
import org.chemotaxis.experiment.SequenceExperiment;
import org.chemotaxis.runtime.EventLog;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;
import org.chemotaxis.util.RandomStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evaluate}: loss and metrics of a trained model on data the run never saw, as one JSON line. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Evaluate a run's model on fresh test data (sine: new waves from the test stream;",
            "CSV: the validation split, the only held-out data there is). Prints one JSON line."})
public final class EvaluateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a finished run folder")
    Path runDir;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the fresh test data (default: derived from the run's seed)")
    Long seed;

    @Override
    public Integer call() {
        LoadedRun run = LoadedRun.open(runDir);
        SequenceExperiment exp = run.sequence("evaluate");
        ExperimentConfig c = run.config();
        ObjectNode json = EventLog.JSON.createObjectNode();
        json.put("run_dir", runDir.toString());
        SequenceExperiment test;
        int[] rows;
        if (exp.dataset() instanceof SineDataset) {
            var d = c.data();
            long testSeed = seed != null ? seed : RandomStreams.key(c.seed(), RandomStreams.Purpose.TEST, 0, 1);
            SequenceDataset fresh = new SineDataset(testSeed, d.count(), d.length(), d.dt(), d.frequency(), d.phase(),
                    d.amplitude(), d.noise());
            test = new SequenceExperiment(c, fresh);
            rows = new int[fresh.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
            json.put("data", "fresh sine waves");
            json.put("test_seed", testSeed);
        } else {
            test = exp;
            rows = exp.loader().validationIndices();
            json.put("data", "validation split");
        }
        Evaluator ev = test.objective().newEvaluator();
        ev.select(Sample.of(rows));
        double mse = ev.loss(run.theta());
        json.put("sequences", rows.length);
        json.put("objective", c.objective().type().key());
        json.put("mse", mse);
        json.put("r2", 1 - mse / test.targetVariance(rows));
        var g = c.generation();
        Generation.Result gen = Generation.run(exp, run.theta(), g.warmup(), g.steps());
        json.put("generation_warmup", g.warmup());
        json.put("generation_steps", gen.time().length);
        json.put("generation_mse", gen.mse());
        json.put("model_epoch", run.model().epoch());
        json.put("params_sha256", run.model().sha256());
        System.out.println(json);
        return ExitCode.OK;
    }
}
