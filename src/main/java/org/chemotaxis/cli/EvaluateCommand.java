package org.chemotaxis.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.config.Limits;
import org.chemotaxis.experiment.ChemotaxisExperiment;
import org.chemotaxis.experiment.ChemotaxisScoring;
import org.chemotaxis.experiment.ProblemExperiment;
import org.chemotaxis.experiment.ProblemScoring;
import org.chemotaxis.experiment.SequenceExperiment;
import org.chemotaxis.experiment.SequenceScoring;
import org.chemotaxis.runtime.EventLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evaluate}: a trained model, or a hand-crafted worm controller, on data or episodes the
 * run never saw, as one JSON line.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Score a run's model, or a hand-crafted worm controller, on data it never saw: one JSON line.",
            "Sine: new waves from the test stream; CSV: the validation split, the only held-out data there is.",
            "Chemotaxis: a run's network (RUN_DIR) or a baseline (--controller none|pirouette|weathervane|combined)",
            "steers worms from fresh starts in the reference world (dt 0.01 s, 500 s), changed by the options below.",
            "RUN_DIR --controller NAME scores the baseline on exactly the starts the run's network meets.",
            "A plugin problem's run: the problem's loss and metric on fresh items (episodes) of a test key."})
public final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    PluginOptions plugins;

    /** Starts of a chemotaxis evaluation unless --starts says otherwise. */
    static final int STARTS = ChemotaxisScoring.STARTS;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_DIR", description = "a finished run folder")
    Path runDir;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the fresh test data or starts (default: derived from the run's seed)")
    Long seed;

    @Option(names = "--controller", paramLabel = "NAME", description = "chemotaxis: a hand-crafted controller instead of the "
            + "network: none, pirouette, weathervane or combined; with RUN_DIR in that run's world and from its starts")
    String controllerName;

    @Option(names = "--field", paramLabel = "SPEC", description = "chemotaxis: the field (default: the run's world.field, its first if a list; gauss "
            + "for --controller); see docs/CHEMOTAXIS.md, Field specs")
    String field;

    @Option(names = "--starts", paramLabel = "N", description = "chemotaxis: episodes (default: " + STARTS + "); a plugin problem's run: test items "
            + "(default: " + ProblemScoring.ITEMS + ")")
    Integer starts;

    @Option(names = "--duration", paramLabel = "SEC", description = "chemotaxis: episode length in s (default: 500)")
    Double duration;

    @Option(names = "--dt", paramLabel = "SEC", description = "chemotaxis: world step in s (default: 0.01)")
    Double dt;

    @Option(names = "--arena", paramLabel = "SPEC", description = "chemotaxis: open or disk:radius=R[,x=X][,y=Y] (default: the run's world.arena)")
    String arena;

    @Option(names = "--sensor-noise", paramLabel = "X", description = "chemotaxis: relative noise of the sensed concentration per world step (default: 0)")
    Double sensorNoise;

    @Option(names = "--start-distance", paramLabel = "R", description = "chemotaxis: worms start R cm from the peak (default: "
            + "the run's world.start_distance, 4.5; two-spot fields: midway between the spots)")
    Double startDistance;

    @Option(names = "--plot", paramLabel = "PNG", description = "chemotaxis: also draw the paths of the first worms (chemotaxis.plot_worms, 20) over the field")
    Path plot;

    @Override
    public Integer call() {
        if (starts != null) {
            Limits.checkRange("--starts", starts, 1, Limits.MAX_EPISODES);
        }
        if (plot != null) {
            OutputFiles.check("--plot", plot, List.of());
        }
        if (controllerName != null && runDir == null) {
            return chemotaxis(null);
        }
        if (runDir == null) {
            throw new BadInputException("evaluate needs RUN_DIR or --controller NAME");
        }
        LoadedRun run = LoadedRun.open(runDir, plugins.registry());
        if (run.experiment() instanceof ChemotaxisExperiment) {
            return chemotaxis(run);
        }
        if (controllerName != null) {
            throw new BadInputException("--controller applies to chemotaxis runs only, and " + runDir + " is a "
                    + run.config().data().type().key() + " run");
        }
        List<String> worm = chemotaxisOptionsGiven();
        if (run.experiment() instanceof ProblemExperiment p) {
            worm.remove("--starts");
            if (!worm.isEmpty()) {
                throw new BadInputException(String.join(", ", worm) + " applies to chemotaxis runs only, and "
                        + runDir + " is a run of problem '" + p.entry().name() + "'");
            }
            return problem(run, p);
        }
        if (!worm.isEmpty()) {
            throw new BadInputException(String.join(", ", worm) + " applies to chemotaxis runs only, and "
                    + runDir + " is a " + run.config().data().type().key() + " run");
        }
        return sequence(run);
    }

    private List<String> chemotaxisOptionsGiven() {
        List<String> given = new ArrayList<>();
        if (field != null) {
            given.add("--field");
        }
        if (starts != null) {
            given.add("--starts");
        }
        if (duration != null) {
            given.add("--duration");
        }
        if (dt != null) {
            given.add("--dt");
        }
        if (arena != null) {
            given.add("--arena");
        }
        if (sensorNoise != null) {
            given.add("--sensor-noise");
        }
        if (startDistance != null) {
            given.add("--start-distance");
        }
        if (plot != null) {
            given.add("--plot");
        }
        return given;
    }

    // ------------------------------------------------------------------ chemotaxis

    /** A run's network ({@code run} given) or a baseline, scored from fresh starts. */
    private int chemotaxis(LoadedRun run) {
        // RUN_DIR with --controller: the baseline in the run's world, from the run's starts.
        boolean network = run != null && controllerName == null;
        ChemotaxisScoring.Subject subject = network
                ? ChemotaxisScoring.network((ChemotaxisExperiment) run.experiment(), run.theta())
                : ChemotaxisScoring.baseline(controllerName);
        ExperimentConfig config = run != null ? run.config() : ExperimentConfig.defaults();
        var scoring = new ChemotaxisScoring(config, new ChemotaxisScoring.Options(field, starts, duration, dt, arena,
                sensorNoise, startDistance, seed));
        ObjectNode json = EventLog.JSON.createObjectNode();
        if (run != null) {
            json.put("run_dir", runDir.toString());
        }
        json.setAll((ObjectNode) EventLog.JSON.valueToTree(scoring.score(subject)));
        if (network) {
            json.put("model_epoch", run.model().epoch());
            json.put("params_sha256", run.model().sha256());
        }
        if (plot != null) {
            scoring.plot(subject, plot);
        }
        System.out.println(json);
        return ExitCode.OK;
    }

    // ------------------------------------------------------------------ plugin problems

    private int problem(LoadedRun run, ProblemExperiment exp) {
        if (starts != null && starts < 1) {
            throw new BadInputException("--starts must be > 0, but was " + starts);
        }
        ObjectNode json = EventLog.JSON.createObjectNode();
        json.put("run_dir", runDir.toString());
        json.setAll((ObjectNode) EventLog.JSON.valueToTree(ProblemScoring.score(exp, run.theta(), seed, starts)));
        json.put("model_epoch", run.model().epoch());
        json.put("params_sha256", run.model().sha256());
        System.out.println(json);
        return ExitCode.OK;
    }

    // ------------------------------------------------------------------ sequences

    private int sequence(LoadedRun run) {
        SequenceExperiment exp = run.sequence("evaluate");
        ObjectNode json = EventLog.JSON.createObjectNode();
        json.put("run_dir", runDir.toString());
        json.setAll((ObjectNode) EventLog.JSON.valueToTree(SequenceScoring.score(exp, run.theta(), seed)));
        json.put("model_epoch", run.model().epoch());
        json.put("params_sha256", run.model().sha256());
        System.out.println(json);
        return ExitCode.OK;
    }
}
