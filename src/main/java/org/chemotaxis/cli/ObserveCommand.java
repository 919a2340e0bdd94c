package org.chemotaxis.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.chemotaxis.runtime.ClusterSetup;
import org.chemotaxis.runtime.EventLog;
import org.chemotaxis.runtime.ObserverNode;
import org.chemotaxis.runtime.RunEvent;
import org.chemotaxis.runtime.WorkerNode;
import org.chemotaxis.web.EventFeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code observe}: print a running training's events live. */
@Command(name = "observe", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Join a training cluster and print every event as a JSON line as it happens.",
            "With --dashboard also on a live web page.",
            "Exits 0 when the run finishes, 1 when it fails or the trainer goes away."})
public final class ObserveCommand implements Callable<Integer> {

    @Mixin
    NodeOptions node;

    @Option(names = "--out", paramLabel = "FILE", description = "also append the events to FILE (JSON lines)")
    Path out;

    @Mixin
    DashboardOptions dashboard;

    @Override
    public Integer call() {
        dashboard.validate();
        var config = node.config("observer");
        if (out != null) {
            OutputFiles.check("--out", out, java.util.List.of());
        }
        String nobody = TrainerProbe.unreachable(ClusterSetup.seed(node.join));
        if (nobody != null) {
            System.err.println("observer stopped: " + nobody);
            return ExitCode.FAILED;
        }
        CompletableFuture<WorkerNode.Exit> exit = new CompletableFuture<>();
        BufferedWriter file = null;
        try {
            if (out != null) {
                file = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            BufferedWriter sinkFile = file;
            EventFeed feed = new EventFeed();
            return node.runUntilDone(ObserverNode.create(e -> {
                print(e, sinkFile);
                feed.publish(e);
            }, exit), exit, config, "observer", system -> {
                if (dashboard.enabled()) {
                    dashboard.start(system, feed);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + out + ": " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    file.close();
                } catch (IOException ignored) {
                    // the events were flushed line by line
                }
            }
        }
    }

    private static void print(RunEvent e, BufferedWriter file) {
        String line = EventLog.toJson(e);
        System.out.println(line);
        System.out.flush();
        if (file != null) {
            try {
                file.write(line);
                file.newLine();
                file.flush();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
