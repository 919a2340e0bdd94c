package org.chemotaxis.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.chemotaxis.config.Limits;
import org.chemotaxis.runtime.LocalRun;
import org.chemotaxis.runtime.WorkerNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code worker}: a JVM of workers that joins a training cluster and takes tasks, also mid-run. */
@Command(name = "worker", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Join a training started with `train --cluster` and compute its perturbation tasks.",
            "Exits 0 when the training ends, 1 if the trainer goes away or the node cannot join."})
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
        CompletableFuture<WorkerNode.Exit> exit = new CompletableFuture<>();
        var config = LocalRun.workerDispatcher(n).withFallback(node.config("worker"));
        return node.runUntilDone(WorkerNode.create(n, JobFactories.fromConfig(plugins.registry()), exit), exit, config,
                "worker node (" + n + " workers)");
    }
}
