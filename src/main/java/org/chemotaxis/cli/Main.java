package org.chemotaxis.cli;

import java.io.PrintWriter;
import org.chemotaxis.config.BadInputException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code chemotaxis}: train recurrent networks by weight perturbation, on actors. */
@Command(name = "chemotaxis", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Train recurrent networks by weight perturbation, fanned out over actors.",
        subcommands = {TrainCommand.class, GenerateCommand.class, PredictCommand.class, PlotCommand.class, EvaluateCommand.class, BenchCommand.class, WorkerCommand.class, ObserveCommand.class,
            ProblemsCommand.class,
            ReportCommand.class, CompareCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (train, worker, observe, evaluate, generate, predict, plot, report, bench)");
    }

    public static void main(String[] args) {
        // Initialise logging on this thread before any actor system starts: when the first
        // logger is touched concurrently from several threads, SLF4J prints a "calls were
        // intercepted and replayed" warning to stderr.
        LoggerFactory.getILoggerFactory();
        System.exit(execute(args));
    }

    /** Runs a command line in this JVM and returns its exit code (tests call this). */
    public static int execute(String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // The top-level writer: tests and embedders redirect it there.
            PrintWriter err = cl.getErr();
            if (e instanceof BadInputException || e instanceof IllegalArgumentException) {
                err.println("error: " + e.getMessage());
                err.flush();
                return ExitCode.BAD_INPUT;
            }
            err.println("failed: " + e);
            e.printStackTrace(err);
            err.flush();
            return ExitCode.FAILED;
        });
        return cl;
    }
}
