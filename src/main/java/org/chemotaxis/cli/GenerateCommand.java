package org.chemotaxis.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.chemotaxis.experiment.RunReports;
import org.chemotaxis.config.Limits;
import org.chemotaxis.experiment.Generation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code generate}: FSM mode, the whole wave from a short warm-up. */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Closed-loop generation (FSM mode): the network runs on its own outputs; CSV and a PNG.",
            "Warms the trained network up on K samples, then feeds its outputs back as inputs for N steps.",
            "Writes CSV (time, then the target and the",
            "generated value of each output channel) and a PNG. CSV data: the first validation window, so",
            "N is capped at its length; the target columns must be the input columns (else see predict)."})
public final class GenerateCommand implements Callable<Integer> {

    @Mixin
    PluginOptions plugins;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a finished run folder")
    Path runDir;

    @Option(names = "--warmup", paramLabel = "K", defaultValue = "10", description = "teacher-forced samples (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "200", description = "generated steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Mixin
    CsvOutput output;

    @Override
    public Integer call() {
        Limits.checkRange("--warmup", warmup, 1, Limits.MAX_GENERATION_STEPS);
        Limits.checkRange("--steps", steps, 1, Limits.MAX_GENERATION_STEPS);
        LoadedRun run = LoadedRun.open(runDir, plugins.registry());
        output.check(run.folder().file(RunReports.GENERATION_PLOT), run.inputs());
        Generation.Result r = Generation.run(run.sequence("generate"), run.theta(), warmup, steps);
        StringBuilder csv = new StringBuilder("time");
        for (String c : r.channels()) {
            csv.append(r.channels().size() == 1 ? ",target,generated" : "," + c + "_target," + c + "_generated");
        }
        csv.append('\n');
        for (int i = 0; i < r.time().length; i++) {
            csv.append((long) r.time()[i]);
            for (int c = 0; c < r.channels().size(); c++) {
                csv.append(',').append(r.truth()[c][i]).append(',').append(r.generated()[c][i]);
            }
            csv.append('\n');
        }
        Path png = output.write(csv.toString(), run.folder().file(RunReports.GENERATION_PLOT));
        RunReports.generationPlot(png, r);
        if (r.capped()) {
            System.err.printf(Locale.ROOT, "--steps %d capped at %d: the validation window has %d rows after the"
                    + " %d-sample warm-up (data.window)%n", r.requested(), r.time().length, r.time().length, warmup);
        }
        System.err.printf(Locale.ROOT, "generation MSE over %d steps after a %d-sample warm-up: %.3e (plot %s)%n",
                r.time().length, warmup, r.mse(), png);
        return ExitCode.OK;
    }
}
