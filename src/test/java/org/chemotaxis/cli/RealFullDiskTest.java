package org.chemotaxis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chemotaxis.report.EventHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same promise as {@link DiskFullTest} on a real full disk: a small tmpfs, mostly taken by a
 * filler file, holds the run folder. The run fills it wherever it happens to (the operating
 * system says "No space left on device", no injection), fails with exit 1 and one line, and
 * once the filler is gone {@code train --resume} ends with the parameters of a run on a disk
 * with room. Mounting needs root on Linux; elsewhere the test is skipped, saying so (the
 * injected failures of DiskFullTest run everywhere).
 */
class RealFullDiskTest {

    private static final int EPOCHS = 30;

    /**
     * Room the filler leaves: a page (tmpfs counts whole pages) for each of the run's files and
     * a temporary file, and some epochs of events, far from all 30.
     */
    private static final long ROOM = 40 * 1024;

    @TempDir
    Path tmp;

    @Test
    void aRunThatFillsATmpfsFailsInOneLineAndResumesToTheSameHash() throws Exception {
        Path mount = tmp.resolve("small-disk");
        Files.createDirectories(mount);
        assumeTrue(mounted(mount), "mounting a 4 MiB tmpfs needs root on Linux (here: not possible), so the run"
                + " cannot meet a real full disk; DiskFullTest covers every write with an injected one");
        try {
            Path config = RunFiles.writeSmallConfig(tmp, EPOCHS, "central");
            Path roomy = tmp.resolve("runs");
            assertEquals(ExitCode.OK, Main.execute("train", config.toString(), "--out", roomy.toString(), "--name",
                    "roomy", "--workers", "2"));
            String sha = RunFiles.finishedSha(roomy.resolve("roomy"));

            Path filler = mount.resolve("filler");
            long usable = Files.getFileStore(mount).getUsableSpace();
            Files.write(filler, new byte[(int) (usable - ROOM)]);
            Path out = mount.resolve("runs");
            Path run = out.resolve("full");
            DiskFullTest.Captured failed = DiskFullTest.capture(() -> Main.execute("train", config.toString(), "--out",
                    out.toString(), "--name", "full", "--workers", "2"));
            String shown = "\n" + failed.output();
            assertEquals(ExitCode.FAILED, failed.code(), shown);
            List<String> lines = failed.err().lines().filter(l -> l.startsWith("failed: ")).toList();
            assertEquals(1, lines.size(), shown);
            assertTrue(lines.get(0).startsWith("failed: cannot write " + run), shown);
            assertTrue(lines.get(0).toLowerCase(java.util.Locale.ROOT).contains("no space left on device"), shown);
            assertFalse(failed.output().contains("\tat "), "a stack trace" + shown);

            assertTrue(RunFiles.epochsDone(run.resolve("checkpoint.json")) < EPOCHS, "the disk filled during the epochs"
                    + shown);
            Files.delete(filler);
            if (Files.exists(run.resolve("checkpoint.json"))) {
                EventHistory.Read events = EventHistory.read(run.resolve("events.jsonl"));
                assertEquals(List.of(), events.warnings(), "whole lines" + shown);
                assertEquals(ExitCode.OK, Main.execute("train", "--resume", run.toString(), "--workers", "1"));
            } else {
                assertFalse(Files.exists(run), "a run without a checkpoint leaves no folder" + shown);
                assertEquals(ExitCode.OK, Main.execute("train", config.toString(), "--out", out.toString(), "--name",
                        "full", "--workers", "2"));
            }
            List<com.fasterxml.jackson.databind.JsonNode> finished = RunFiles.events(run, "RunFinished");
            assertEquals(sha, finished.get(finished.size() - 1).path("params_sha256").asText());
            assertEquals(EPOCHS, RunFiles.events(run, "EpochEnded").size(), "every epoch once");
            assertEquals(EPOCHS + 1, Files.readAllLines(run.resolve("metrics.csv")).size(), "a row per epoch");
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    /** Mounts a 4 MiB tmpfs at {@code dir}, if this process may. */
    private static boolean mounted(Path dir) {
        if (!System.getProperty("os.name").startsWith("Linux")) {
            return false;
        }
        return run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir.toString());
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            if (p.exitValue() != 0) {
                System.err.println(String.join(" ", command) + ": " + output.strip());
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
