package org.chemotaxis.cli;

import java.util.concurrent.Callable;
import org.chemotaxis.config.Limits;
import org.chemotaxis.runtime.JobFactory;
import org.chemotaxis.runtime.LocalRun;
import org.chemotaxis.runtime.WorkerNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code worker}: a JVM of workers that joins a training cluster and takes tasks, also mid-run,
 * and joins again by itself when it is cut off or the trainer restarts ({@link RejoiningNode}).
 */
@Command(name = "worker", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Join a training started with `train --cluster` and compute its perturbation tasks.",
            "Cut off from the trainer, or when the trainer is restarted with train --resume, it joins again",
            "by itself until the run is over. Exits 0 when the training ends, 2 if it cannot take part (it",
            "cannot build the run, or it is another build), 1 if its first join fails, 143 on SIGTERM."})
public final class WorkerCommand implements Callable<Integer> {

    @Mixin
    PluginOptions plugins;

    @Mixin
    NodeOptions node;

    @Option(names = "--workers", paramLabel = "N", description = "workers in this JVM (default: one per core)")
    Integer workers;

    @Override
    public Integer call() {
        int n = workers != null ? workers : Math.min(LocalRun.defaultWorkers(), Limits.MAX_WORKERS);
        Limits.checkRange("--workers", n, 1, Limits.MAX_WORKERS);
        var config = LocalRun.workerDispatcher(n).withFallback(node.config("worker"));
        JobFactory jobs = JobFactories.fromConfig(plugins.registry());
        return new RejoiningNode(node.join, config, "worker node (" + n + " workers)",
                exit -> WorkerNode.create(n, jobs, exit), RejoiningNode.PAUSE).runWithSignals();
    }
}
