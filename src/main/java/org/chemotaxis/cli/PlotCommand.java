package org.chemotaxis.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chemotaxis.experiment.RunReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code plot}: (re)draws a run's plots from its files. */
@Command(name = "plot", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Draw the plots of a run folder again (loss curves; generation for sequence tasks).")
public final class PlotCommand implements Callable<Integer> {

    @Mixin
    PluginOptions plugins;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run folder")
    Path runDir;

    @Override
    public Integer call() {
        LoadedRun run = LoadedRun.open(runDir, plugins.registry());
        RunReports.afterTraining(run.folder(), run.experiment());
        System.err.println("plots written to " + run.folder().dir());
        return ExitCode.OK;
    }
}
