package org.chemotaxis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.chemotaxis.runtime.EventLog;

/** Reads what a run left in its folder, for tests. */
final class RunFiles {

    private RunFiles() {
    }

    static List<JsonNode> events(Path runDir) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(runDir.resolve("events.jsonl"))) {
                out.add(EventLog.JSON.readTree(line));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> events(Path runDir, String type) {
        return events(runDir).stream().filter(e -> e.path("event").asText().equals(type)).toList();
    }

    static String finishedSha(Path runDir) {
        List<JsonNode> f = events(runDir, "RunFinished");
        if (f.size() != 1) {
            throw new AssertionError("expected one RunFinished in " + runDir + ", found " + f.size());
        }
        return f.get(0).path("params_sha256").asText();
    }

    static String lastSha(Path runDir) {
        List<JsonNode> f = events(runDir, "RunFinished");
        return f.get(f.size() - 1).path("last_params_sha256").asText();
    }

    /** Every entry under a folder (empty if it does not exist). */
    static List<Path> contents(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small, fast sine experiment for runtime tests. */
    static Path writeSmallConfig(Path dir, int epochs, String estimator) {
        String yaml = """
                name: tiny
                seed: 3
                model: {type: elman, hidden: 4}
                data: {type: sine, count: 64, length: 20, dt: 0.1, validation_fraction: 0.25}
                objective: {washout: 2}
                estimator: {type: %s, sigma: 1.0e-4, directions: 8}
                optimizer: {type: adam, lr: 0.02}
                training: {epochs: %d, batch: 8}
                """.formatted(estimator, epochs);
        try {
            Files.createDirectories(dir);
            Path f = dir.resolve("tiny.yml");
            Files.writeString(f, yaml);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Epochs recorded in a checkpoint, or -1 while there is none (it is replaced atomically, never half-written). */
    static long epochsDone(Path checkpoint) {
        try {
            if (!Files.exists(checkpoint)) {
                return -1;
            }
            return EventLog.JSON.readTree(Files.readString(checkpoint)).path("epochs_done").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Rewrites a run's checkpoint as format 1 wrote it: without the estimator's state. */
    static void downgradeCheckpoint(Path runDir) {
        try {
            Path file = runDir.resolve("checkpoint.json");
            com.fasterxml.jackson.databind.node.ObjectNode root =
                    (com.fasterxml.jackson.databind.node.ObjectNode) EventLog.JSON.readTree(Files.readString(file));
            root.put("format", "chemotaxis-checkpoint/1");
            root.remove("estimator");
            Files.writeString(file, EventLog.JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The techniques beside the plain estimators, as {@code --set} arguments for the small config of
     * {@link #writeSmallConfig} (P = 29), with a constant schedule so that a run extended by
     * {@code --resume --set training.epochs=N} is the longer run.
     */
    static List<String> technique(String name) {
        List<String> sets = switch (name) {
            case "gaussian-ranked" -> List.of("estimator.type=gaussian", "estimator.shaping=centered_rank",
                    "estimator.sigma=0.01");
            case "pgpe" -> List.of("estimator.type=pgpe", "estimator.sigma=0.05", "optimizer.type=clipup",
                    "optimizer.lr=0.02");
            case "snes" -> List.of("estimator.type=snes", "estimator.sigma=0.05");
            case "ars" -> List.of("estimator.type=ars", "estimator.sigma=0.02", "estimator.top_directions=4",
                    "optimizer.type=sgd", "optimizer.lr=0.01");
            case "cmaes" -> List.of("estimator.type=cmaes", "estimator.sigma=0.05");
            default -> throw new IllegalArgumentException(name);
        };
        List<String> args = new ArrayList<>();
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        args.add("--set");
        args.add("optimizer.schedule=constant");
        return args;
    }
}
