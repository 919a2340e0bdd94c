package org.chemotaxis.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.experiment.RunComparison;
import org.chemotaxis.report.AtomicFiles;
import org.chemotaxis.report.Comparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compare}: groups of runs (a technique over seeds) side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Compare groups of runs (a technique over seeds): episodes to a threshold, test metric, time.",
            "By default the runs of one config name are a group, e.g. one "
                + "technique over several seeds. Per group: the median and interquartile range of the training "
                + "episodes until the validation metric first reached --threshold, of the saved model's metric on "
                + "test items that every run meets, and of the training wall time. Prints markdown, or writes it "
                + "with --markdown; --plot draws the validation metric against training episodes per group."})
public final class CompareCommand implements Callable<Integer> {

    @Mixin
    PluginOptions plugins;

    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "run folders")
    List<Path> runs;

    @Option(names = "--threshold", paramLabel = "M", description = "the validation metric to reach (default: 0.72, "
            + "experiment 1's bar for F)")
    double threshold = 0.72;

    @Option(names = "--test-seed", paramLabel = "S", description = "key of the test items, the same for every run "
            + "(default: the evaluation seed of a default config)")
    Long testSeed;

    @Option(names = "--starts", paramLabel = "N", description = "test items (chemotaxis: starts in the reference "
            + "world; default 400)")
    Integer starts;

    @Option(names = "--group-by", paramLabel = "KEY", description = "name (the run's config name, default) or run "
            + "(every run its own group)")
    String groupBy = "name";

    @Option(names = "--markdown", paramLabel = "FILE", description = "write the tables here (atomically)")
    Path markdown;

    @Option(names = "--plot", paramLabel = "PNG", description = "draw the validation curves here")
    Path plot;

    @Override
    public Integer call() {
        if (!groupBy.equals("name") && !groupBy.equals("run")) {
            throw new BadInputException("--group-by must be name or run, but was '" + groupBy + "'");
        }
        if (starts != null) {
            org.chemotaxis.config.Limits.checkRange("--starts", starts, 1, org.chemotaxis.config.Limits.MAX_EPISODES);
        }
        if (plot != null) {
            OutputFiles.check("--plot", plot, runs);
        }
        if (markdown != null) {
            OutputFiles.check("--markdown", markdown, runs);
        }
        if (!Double.isFinite(threshold)) {
            throw new BadInputException("--threshold must be a finite number, but was " + threshold);
        }
        RunComparison.Options options = new RunComparison.Options(threshold, testSeed, starts);
        // Read every run before scoring any, so that a bad folder is named before minutes of work.
        List<LoadedRun> loaded = new ArrayList<>();
        for (Path dir : runs) {
            loaded.add(LoadedRun.open(dir, plugins.registry()));
        }
        List<Comparison.Run> scored = scoreAll(loaded, options);
        List<Comparison.Group> groups = Comparison.groups(scored);
        String md = Comparison.markdown(groups, threshold) + "\nTest items: " + (starts != null ? starts : 400)
                + " of key " + RunComparison.testSeed(options) + ", the same for every run.\n";
        if (plot != null) {
            Comparison.chart(plot, groups, threshold, "validation " + scored.get(0).metricName()
                    + " against training episodes (median over seeds, quartiles thin)");
        }
        if (markdown != null) {
            AtomicFiles.writeString(markdown, md);
        } else {
            System.out.print(md);
        }
        return ExitCode.OK;
    }

    /**
     * Scores the runs on all cores, one run per thread at a time (a chemotaxis network's 400 test
     * starts take seconds of one core, and the runs are independent); the list keeps the order of
     * the arguments, and a failure is reported for the first run in that order that failed.
     */
    private List<Comparison.Run> scoreAll(List<LoadedRun> loaded, RunComparison.Options options) {
        int threads = Math.max(1, Math.min(loaded.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "compare-scoring");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicInteger done = new AtomicInteger();
            List<Future<Comparison.Run>> futures = new ArrayList<>();
            for (int i = 0; i < loaded.size(); i++) {
                LoadedRun run = loaded.get(i);
                Path dir = runs.get(i);
                String group = groupBy.equals("name") ? run.config().name() : dir.getFileName().toString();
                futures.add(pool.submit(() -> {
                    Comparison.Run r = RunComparison.score(group, dir, run.experiment(), run.theta(), options);
                    System.err.printf("compare: scored %d/%d %s%n", done.incrementAndGet(), loaded.size(), dir);
                    return r;
                }));
            }
            List<Comparison.Run> scored = new ArrayList<>();
            for (Future<Comparison.Run> f : futures) {
                scored.add(await(f));
            }
            return scored;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Comparison.Run await(Future<Comparison.Run> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("compare was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
