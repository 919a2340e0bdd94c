package org.chemotaxis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chemotaxis.report.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exact resume: a training JVM killed (SIGKILL, no shutdown hooks) after some epoch, resumed
 * with {@code train --resume}, ends with the same parameters as an uninterrupted run.
 */
class ResumeTest {

    private static final int EPOCHS = 30;

    @TempDir
    Path tmp;

    @Test
    void killedRunResumesBitIdentically() throws Exception {
        Path config = RunFiles.writeSmallConfig(tmp, EPOCHS, "central");
        Path out = tmp.resolve("runs");
        assertEquals(ExitCode.OK, Main.execute("train", config.toString(), "--out", out.toString(), "--name", "full",
                "--workers", "2"));
        Path full = out.resolve("full");

        Path killed = out.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.chemotaxis.cli.Main", "train", config.toString(), "--out", out.toString(), "--name", "killed",
                "--workers", "2")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long killedAt = -1;
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline && child.isAlive()) {
            long done = RunFiles.epochsDone(killed.resolve("checkpoint.json"));
            if (done >= 3) {
                child.destroyForcibly();
                child.waitFor();
                killedAt = done;
                break;
            }
            Thread.sleep(10);
        }
        assertTrue(killedAt >= 3 && killedAt < EPOCHS, "the child must be killed mid-run, epochs done: " + killedAt
                + "\n" + Files.readString(tmp.resolve("child.log")));
        assertEquals(List.of(), RunFiles.events(killed, "RunFinished"), "the killed run did not finish");
        // The best model so far is on disk while a run goes on (epoch 0 always improves).
        assertTrue(ModelFile.read(killed.resolve("model.json")).epoch() < killedAt);

        assertEquals(ExitCode.OK, Main.execute("train", "--resume", killed.toString(), "--workers", "1"));
        assertEquals(RunFiles.lastSha(full), RunFiles.lastSha(killed));
        assertEquals(RunFiles.finishedSha(full), RunFiles.finishedSha(killed));
        List<JsonNode> started = RunFiles.events(killed, "RunStarted");
        assertEquals(2, started.size());
        assertTrue(started.get(1).path("start_epoch").asLong() >= killedAt, "resumed from the checkpoint");
    }

    /**
     * The techniques that keep state beside theta and the optimizer (an adaptive distribution) or
     * rank their losses: a run checkpointed after 2 epochs and resumed to 4 ends where a 4-epoch
     * run ends, so the checkpoint holds everything the next step depends on.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gaussian-ranked", "pgpe", "snes", "ars", "cmaes"})
    void eachTechniqueResumesBitIdentically(String technique) throws Exception {
        Path config = RunFiles.writeSmallConfig(tmp, 4, "gaussian");
        Path out = tmp.resolve("runs");
        List<String> sets = RunFiles.technique(technique);
        assertEquals(ExitCode.OK, Main.execute(args(List.of("train", config.toString(), "--out", out.toString(),
                "--name", "straight", "--workers", "2"), sets)));
        assertEquals(ExitCode.OK, Main.execute(args(List.of("train", config.toString(), "--out", out.toString(),
                "--name", "halves", "--workers", "2", "--set", "training.epochs=2"), sets)));
        assertEquals(ExitCode.OK, Main.execute("train", "--resume", out.resolve("halves").toString(),
                "--set", "training.epochs=4", "--workers", "1"));
        assertEquals(RunFiles.lastSha(out.resolve("straight")), RunFiles.lastSha(out.resolve("halves")), technique);
        assertEquals(RunFiles.finishedSha(out.resolve("straight")),
                RunFiles.events(out.resolve("halves"), "RunFinished").get(1).path("params_sha256").asText());
        assertTrue(Files.readString(out.resolve("halves").resolve("checkpoint.json")).contains("\"estimator\""));
    }

    /** A checkpoint of the format before estimators kept state resumes a run of an estimator without state. */
    @Test
    void aFormat1CheckpointStillResumes() throws Exception {
        Path config = RunFiles.writeSmallConfig(tmp, 2, "central");
        Path out = tmp.resolve("runs");
        assertEquals(ExitCode.OK, Main.execute("train", config.toString(), "--out", out.toString(), "--name", "straight",
                "--workers", "2", "--set", "optimizer.schedule=constant"));
        assertEquals(ExitCode.OK, Main.execute("train", config.toString(), "--out", out.toString(), "--name", "old",
                "--workers", "2", "--set", "optimizer.schedule=constant", "--set", "training.epochs=1"));
        RunFiles.downgradeCheckpoint(out.resolve("old"));
        assertEquals(ExitCode.OK, Main.execute("train", "--resume", out.resolve("old").toString(),
                "--set", "training.epochs=2", "--workers", "1"));
        assertEquals(RunFiles.lastSha(out.resolve("straight")), RunFiles.lastSha(out.resolve("old")));
    }

    private static String[] args(List<String> head, List<String> tail) {
        return java.util.stream.Stream.concat(head.stream(), tail.stream()).toArray(String[]::new);
    }
}
