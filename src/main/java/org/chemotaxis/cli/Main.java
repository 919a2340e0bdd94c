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
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // the limits (README, "Limits") keep inputs from asking for this; the heap can still be too small
            cl.getErr().println("failed: out of memory (" + e.getMessage() + "); give the JVM more heap, e.g."
                    + " CHEMOTAXIS_JAVA_OPTS=-Xmx8g");
            cl.getErr().flush();
            return ExitCode.FAILED;
        }
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // A wrong option or value is one line, like any other bad input, with a pointer to the help.
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = cl.getErr();
            String message = ex.getMessage() == null ? "bad command line" : ex.getMessage().strip().lines()
                    .findFirst().orElse("bad command line");
            String suggestion = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                suggestion = " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
            }
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            err.println("error: " + message + suggestion + "; see " + command + " --help");
            err.flush();
            return ExitCode.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // The top-level writer: tests and embedders redirect it there.
            PrintWriter err = cl.getErr();
            if (e instanceof BadInputException || e instanceof IllegalArgumentException) {
                err.println("error: " + e.getMessage());
                err.flush();
                return ExitCode.BAD_INPUT;
            }
            if (e instanceof java.io.UncheckedIOException io) {
                // a file that could not be written while running (a full disk, a folder gone): one line is the story
                err.println("failed: " + io.getMessage());
                err.flush();
                return ExitCode.FAILED;
            }
            err.println("failed: " + e);
            e.printStackTrace(err);
            err.flush();
            return ExitCode.FAILED;
        });
        return cl;
    }
}
