package org.chemotaxis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chemotaxis.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what Ctrl-C does too, as SIGINT) stops a training JVM after the epoch under way with
 * a checkpoint, an Interrupted event, exit code 143 and the resume command on stderr; resuming
 * ends bit-identical to an uninterrupted run. And a resumed run can be given more epochs.
 */
class InterruptTest {

    private static final int EPOCHS = 30;

    @TempDir
    Path tmp;

    private Path train(Path config, String name, String... extra) {
        Path out = tmp.resolve("runs");
        List<String> args = new java.util.ArrayList<>(List.of("train", config.toString(), "--out", out.toString(),
                "--name", name, "--workers", "2"));
        args.addAll(List.of(extra));
        EvaluateChemotaxisTest.Outcome o = EvaluateChemotaxisTest.run(args.toArray(String[]::new));
        assertEquals(ExitCode.OK, o.code(), o.err());
        return out.resolve(name);
    }

    @Test
    void sigtermLeavesAResumableCheckpointAndSaysHowToResume() throws Exception {
        Path config = RunFiles.writeSmallConfig(tmp, EPOCHS, "central");
        Path full = train(config, "full");

        Path out = tmp.resolve("runs");
        Path stopped = out.resolve("stopped");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.chemotaxis.cli.Main", "train", config.toString(), "--out", out.toString(), "--name", "stopped",
                "--workers", "2")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long signalledAt = -1;
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline && child.isAlive()) {
            long done = RunFiles.epochsDone(stopped.resolve("checkpoint.json"));
            if (done >= 3) {
                child.destroy(); // SIGTERM
                signalledAt = done;
                break;
            }
            Thread.sleep(10);
        }
        int code = child.waitFor();
        String childLog = Files.readString(log);
        assertTrue(signalledAt >= 3 && signalledAt < EPOCHS, "signalled mid-run after " + signalledAt + "\n" + childLog);
        assertEquals(ExitCode.TERMINATED, code, childLog);
        List<JsonNode> interrupted = RunFiles.events(stopped, "Interrupted");
        assertEquals(1, interrupted.size(), childLog);
        long epochs = interrupted.get(0).path("epochs").asLong();
        assertTrue(epochs >= signalledAt && epochs < EPOCHS, "stopped after the epoch under way: " + epochs);
        assertEquals(epochs, RunFiles.epochsDone(stopped.resolve("checkpoint.json")), "its checkpoint is on disk");
        assertTrue(childLog.contains("interrupted after epoch " + epochs + "; continue with: bin/chemotaxis train --resume "
                + stopped), childLog);
        assertEquals(List.of(), RunFiles.events(stopped, "RunFinished"));

        assertEquals(ExitCode.OK, Main.execute("train", "--resume", stopped.toString(), "--workers", "1"));
        assertEquals(RunFiles.lastSha(full), RunFiles.lastSha(stopped));
        assertEquals(RunFiles.finishedSha(full), RunFiles.finishedSha(stopped));
    }

    @Test
    void aResumedRunTakesMoreEpochsAndRecordsThem() throws Exception {
        // A constant learning rate: the schedule does not depend on the length, so 3 epochs
        // extended to 6 must be the 6-epoch run bit for bit.
        Path config = RunFiles.writeSmallConfig(tmp, 3, "central");
        Path six = train(config, "six", "--set", "training.epochs=6", "--set", "optimizer.schedule=constant");
        Path three = train(config, "three", "--set", "optimizer.schedule=constant");
        String shortSha = RunFiles.lastSha(three);

        EvaluateChemotaxisTest.Outcome bad = EvaluateChemotaxisTest.run("train", "--resume", three.toString(),
                "--set", "model.hidden=9");
        assertEquals(ExitCode.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("only --set training.epochs=N may change it"), bad.err());
        EvaluateChemotaxisTest.Outcome shorter = EvaluateChemotaxisTest.run("train", "--resume", three.toString(),
                "--set", "training.epochs=2");
        assertEquals(ExitCode.BAD_INPUT, shorter.code());
        assertTrue(shorter.err().contains("training.epochs must be at least the 3 epochs done, but was 2"), shorter.err());
        assertEquals(3, ConfigLoader.load(three.resolve("config.yml")).training().epochs(), "refusals change nothing");

        EvaluateChemotaxisTest.Outcome more = EvaluateChemotaxisTest.run("train", "--resume", three.toString(),
                "--set", "training.epochs=6", "--workers", "2");
        assertEquals(ExitCode.OK, more.code(), more.err());
        assertEquals(6, ConfigLoader.load(three.resolve("config.yml")).training().epochs());
        List<JsonNode> extended = RunFiles.events(three, "RunExtended");
        assertEquals(1, extended.size());
        assertEquals(3, extended.get(0).path("from_epochs").asLong());
        assertEquals(6, extended.get(0).path("to_epochs").asLong());
        assertEquals(7, Files.readAllLines(three.resolve("metrics.csv")).size(), "header and six epochs");
        List<JsonNode> finished = RunFiles.events(three, "RunFinished");
        assertNotEquals(shortSha, finished.get(finished.size() - 1).path("last_params_sha256").asText());
        assertEquals(RunFiles.lastSha(six), RunFiles.lastSha(three));
    }

    @Test
    void initFromStartsAFreshRunFromASavedModel() throws Exception {
        Path config = RunFiles.writeSmallConfig(tmp, 2, "central");
        Path first = train(config, "first");
        Path warm = train(config, "warm", "--init-from", first.toString(), "--set", "training.epochs=1");
        Path cold = train(config, "cold", "--set", "training.epochs=1");
        List<JsonNode> started = RunFiles.events(warm, "WarmStarted");
        assertEquals(1, started.size());
        assertEquals(RunFiles.finishedSha(first), started.get(0).path("params_sha256").asText());
        assertNotEquals(RunFiles.lastSha(cold), RunFiles.lastSha(warm));
        double coldLoss = RunFiles.events(cold, "EpochEnded").get(0).path("validation_loss").asDouble();
        double warmLoss = RunFiles.events(warm, "EpochEnded").get(0).path("validation_loss").asDouble();
        assertTrue(warmLoss < coldLoss, "a trained start is ahead: " + warmLoss + " vs " + coldLoss);

        Path other = tmp.resolve("other.yml");
        Files.writeString(other, Files.readString(config).replace("hidden: 4", "hidden: 5"));
        EvaluateChemotaxisTest.Outcome misfit = EvaluateChemotaxisTest.run("train", other.toString(), "--out",
                tmp.resolve("runs").toString(), "--name", "misfit", "--init-from", first.toString());
        assertEquals(ExitCode.BAD_INPUT, misfit.code());
        assertTrue(misfit.err().contains("holds a elman with 29 parameters"), misfit.err());
        assertTrue(!Files.exists(tmp.resolve("runs").resolve("misfit")), "nothing written");
    }
}
