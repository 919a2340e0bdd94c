package org.chemotaxis.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.data.SequenceDataset;
import org.chemotaxis.data.SineDataset;
import org.chemotaxis.experiment.ChemotaxisExperiment;
import org.chemotaxis.experiment.Generation;
import org.chemotaxis.experiment.SequenceExperiment;
import org.chemotaxis.runtime.EventLog;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;
import org.chemotaxis.util.RandomStreams;
import org.chemotaxis.worm.ArenaSpec;
import org.chemotaxis.worm.Baselines;
import org.chemotaxis.worm.ChemotaxisEvaluation;
import org.chemotaxis.worm.ConcentrationField;
import org.chemotaxis.worm.Controller;
import org.chemotaxis.worm.FieldSpec;
import org.chemotaxis.worm.SpotField;
import org.chemotaxis.worm.Start;
import org.chemotaxis.worm.WorldConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evaluate}: a trained model, or a hand-crafted worm controller, on data or episodes the
 * run never saw, as one JSON line.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Evaluate a run's model on fresh test data (sine: new waves from the test stream;",
            "CSV: the validation split, the only held-out data there is). Prints one JSON line.",
            "Chemotaxis: a run's network (RUN_DIR) or a baseline (--controller none|pirouette|weathervane|combined)",
            "steers worms from fresh starts in the reference world (dt 0.01 s, 500 s), changed by the options below."})
public final class EvaluateCommand implements Callable<Integer> {

    /** Starts of a chemotaxis evaluation unless --starts says otherwise. */
    static final int STARTS = 400;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_DIR", description = "a finished run folder")
    Path runDir;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the fresh test data or starts (default: derived from the run's seed)")
    Long seed;

    @Option(names = "--controller", paramLabel = "NAME", description = "chemotaxis: a hand-crafted controller instead of a run: "
            + "none, pirouette, weathervane or combined")
    String controllerName;

    @Option(names = "--field", paramLabel = "SPEC", description = "chemotaxis: the field (default: the run's world.field, its first if a list; gauss "
            + "for --controller); see docs/CHEMOTAXIS.md, Field specs")
    String field;

    @Option(names = "--starts", paramLabel = "N", description = "chemotaxis: episodes (default: " + STARTS + ")")
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
    public Integer call() throws Exception {
        if (controllerName != null && runDir != null) {
            throw new BadInputException("give either RUN_DIR or --controller, not both");
        }
        if (controllerName != null) {
            return chemotaxis(null);
        }
        if (runDir == null) {
            throw new BadInputException("evaluate needs RUN_DIR or --controller NAME");
        }
        LoadedRun run = LoadedRun.open(runDir);
        if (run.experiment() instanceof ChemotaxisExperiment) {
            return chemotaxis(run);
        }
        List<String> worm = chemotaxisOptionsGiven();
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
    private int chemotaxis(LoadedRun run) throws Exception {
        ChemotaxisExperiment exp = run != null ? (ChemotaxisExperiment) run.experiment() : null;
        // Without a run the defaults are those of a default run, so that baselines and a network
        // trained with the default seed meet the same starts.
        ExperimentConfig config = run != null ? run.config() : ExperimentConfig.defaults();
        Controller controller = run != null ? exp.objective().controller(run.theta()) : Baselines.create(controllerName);

        ConcentrationField f = FieldSpec.parse(field != null ? field : config.world().field().first());
        int n = starts != null ? starts : STARTS;
        if (n < 1) {
            throw new BadInputException("--starts must be > 0, but was " + n);
        }
        double seconds = positive("--duration", duration, WorldConfig.DURATION);
        double step = positive("--dt", dt, WorldConfig.DT);
        if (step > seconds) {
            throw new BadInputException("--dt must not exceed the duration " + seconds + ", but was " + step);
        }
        double eta = sensorNoise != null ? sensorNoise : 0;
        if (!(eta >= 0) || !Double.isFinite(eta)) {
            throw new BadInputException("--sensor-noise must be a finite number >= 0, but was " + eta);
        }
        String arenaSpec = arena != null ? arena : config.world().arena();
        Start start;
        if (startDistance == null && f instanceof SpotField spots && spots.spots().size() == 2) {
            // The plate assay: worms start midway between attractant and control.
            SpotField.Spot a = spots.spots().get(0);
            SpotField.Spot b = spots.spots().get(1);
            start = Start.point(0.5 * (a.x() + b.x()), 0.5 * (a.y() + b.y()));
        } else {
            start = Start.ring(positive("--start-distance", startDistance, config.world().startDistance()));
        }
        WorldConfig world = WorldConfig.defaults().withDuration(seconds).withDt(step).withSensorNoise(eta)
                .withArena(ArenaSpec.parse(arenaSpec)).withStart(start);
        long s = seed != null ? seed : ChemotaxisExperiment.evaluationSeed(config);

        ChemotaxisEvaluation.Result r = ChemotaxisEvaluation.evaluate(f, world, controller, s, n);

        ObjectNode json = EventLog.JSON.createObjectNode();
        if (run != null) {
            json.put("run_dir", runDir.toString());
        }
        json.put("controller", run != null ? "network" : controller.name());
        json.put("field", FieldSpec.format(f));
        json.put("arena", ArenaSpec.format(world.arena()));
        if (start instanceof Start.Point p) {
            json.put("start", p.x() + "," + p.y());
        } else {
            json.put("start_distance", ((Start.Ring) start).distance());
        }
        json.put("sensor_noise", eta);
        json.put("dt", step);
        json.put("duration", seconds);
        json.put("starts", n);
        json.put("seed", s);
        json.put("F", r.fitness());
        json.put("F_se", r.fitnessStdErr());
        json.put("reach_fraction", r.reachFraction());
        putNumber(json, "median_reach_s", r.medianReachSeconds());
        if (f instanceof SpotField spots && spots.spots().size() == 2) {
            putNumber(json, "CI", r.chemotaxisIndex());
            json.put("at_attractant", r.atAttractant());
            json.put("at_control", r.atControl());
        }
        if (run != null) {
            json.put("model_epoch", run.model().epoch());
            json.put("params_sha256", run.model().sha256());
        }
        if (plot != null) {
            Controller fresh = run != null ? exp.objective().controller(run.theta()) : Baselines.create(controllerName);
            RunReports.trajectoryPlot(plot, f, world, fresh, s, config.chemotaxis().plotWorms());
        }
        System.out.println(json);
        return ExitCode.OK;
    }

    private static double positive(String option, Double given, double otherwise) {
        double v = given != null ? given : otherwise;
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new BadInputException(option + " must be a finite number > 0, but was " + v);
        }
        return v;
    }

    /** JSON has no NaN: an undefined value (no worm reached, no worm at either spot) is null. */
    private static void putNumber(ObjectNode json, String key, double v) {
        if (Double.isNaN(v)) {
            json.putNull(key);
        } else {
            json.put(key, v);
        }
    }

    // ------------------------------------------------------------------ sequences

    private int sequence(LoadedRun run) {
        SequenceExperiment exp = run.sequence("evaluate");
        ExperimentConfig c = run.config();
        ObjectNode json = EventLog.JSON.createObjectNode();
        json.put("run_dir", runDir.toString());
        SequenceExperiment test;
        int[] rows;
        if (exp.dataset() instanceof SineDataset) {
            var d = c.data();
            long testSeed = seed != null ? seed : RandomStreams.key(c.seed(), RandomStreams.Purpose.TEST, 0, 1);
            SequenceDataset fresh = new SineDataset(testSeed, d.count(), d.length(), d.dt(), d.frequency().interval(), d.phase().interval(),
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
