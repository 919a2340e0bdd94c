package org.chemotaxis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input from the command line: one line naming the culprit, exit code 2, no run folder left behind. */
class BadInputTest {

    @TempDir
    Path tmp;

    private record Result(int code, String err) {
    }

    private Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, err.toString());
    }

    private void assertRejected(String culprit, String... args) {
        Path out = tmp.resolve("runs");
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--out", out.toString())).toArray(String[]::new);
        Result r = run(all);
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        String first = r.err().strip().lines().findFirst().orElse("");
        assertTrue(first.startsWith("error: "), "one error line, got: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), "exactly one line, got: " + r.err());
        assertTrue(first.contains(culprit), "the message must name '" + culprit + "': " + first);
        assertEquals(List.of(), RunFiles.contents(out), "no run folder may be left behind");
    }

    private Path file(String name, String content) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    @Test
    void missingConfigFile() {
        assertRejected("nope.yml", "train", tmp.resolve("nope.yml").toString());
    }

    @Test
    void yamlSyntaxError() throws Exception {
        Path f = file("broken.yml", "name: x\nmodel: {hidden: 8\ntraining:\n  epochs: 3\n");
        assertRejected("broken.yml", "train", f.toString());
    }

    @Test
    void unknownKey() throws Exception {
        Path f = file("typo.yml", "name: x\nmodle:\n  hidden: 8\n");
        assertRejected("modle", "train", f.toString());
    }

    @Test
    void wrongType() throws Exception {
        Path f = file("type.yml", "model:\n  hidden: many\n");
        assertRejected("model.hidden", "train", f.toString());
    }

    @Test
    void badOverride() {
        assertRejected("optimizer.lr", "train", "--set", "optimizer.lr=.nan");
        assertRejected("model.hiden", "train", "--set", "model.hiden=3");
    }

    @Test
    void resumeOfAFolderWithoutCheckpoint() throws Exception {
        Path run = tmp.resolve("half");
        Files.createDirectories(run);
        Files.writeString(run.resolve("config.yml"), "name: half\n");
        assertRejected("checkpoint", "train", "--resume", run.toString());
        assertRejected("not a run folder", "train", "--resume", tmp.toString());
        assertRejected("run folder not found", "train", "--resume", tmp.resolve("nothing-here").toString());
    }

    @Test
    void truncatedCheckpoint() throws Exception {
        Path config = RunFiles.writeSmallConfig(tmp.resolve("cfg"), 1, "central");
        Path out = tmp.resolve("done");
        assertEquals(ExitCode.OK, Main.execute("train", config.toString(), "--out", out.toString(), "--name", "r", "--workers", "1"));
        Path run = out.resolve("r");
        String text = Files.readString(run.resolve("checkpoint.json"));
        Files.writeString(run.resolve("checkpoint.json"), text.substring(0, text.length() / 2));
        assertRejected("checkpoint.json", "train", "--resume", run.toString());
    }

    /** A checkpoint written before estimators kept state cannot continue an estimator that has some. */
    @Test
    void aFormat1CheckpointCannotContinueAnAdaptiveEstimator() throws Exception {
        Path config = RunFiles.writeSmallConfig(tmp.resolve("cfg"), 1, "gaussian");
        Path out = tmp.resolve("done");
        assertEquals(ExitCode.OK, Main.execute("train", config.toString(), "--out", out.toString(), "--name", "r",
                "--workers", "1", "--set", "estimator.type=pgpe", "--set", "training.epochs=1"));
        Path run = out.resolve("r");
        RunFiles.downgradeCheckpoint(run);
        assertRejected("written before estimators kept state", "train", "--resume", run.toString(), "--set",
                "training.epochs=2");
    }

    /** An adaptive estimator's state is checked before a run continues from it: PGPE's sigma must be > 0. */
    @Test
    void aCheckpointWithANegativeSigmaIsRefused() throws Exception {
        Path config = RunFiles.writeSmallConfig(tmp.resolve("cfg"), 1, "gaussian");
        Path out = tmp.resolve("done");
        assertEquals(ExitCode.OK, Main.execute("train", config.toString(), "--out", out.toString(), "--name", "r",
                "--workers", "1", "--set", "estimator.type=pgpe", "--set", "training.epochs=1"));
        Path run = out.resolve("r");
        Path file = run.resolve("checkpoint.json");
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) org.chemotaxis.runtime.EventLog.JSON.readTree(
                        Files.readString(file));
        ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("estimator").get("buffers").get("sigma")).set(3, -0.5);
        Files.writeString(file, org.chemotaxis.runtime.EventLog.JSON.writeValueAsString(root));
        assertRejected("entry 3 of 'sigma' is -0.5, but must be > 0", "train", "--resume", run.toString(), "--set",
                "training.epochs=2");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Result r = run("train", "--wrokers", "2");
        assertEquals(ExitCode.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--wrokers"), r.err());
    }
}
