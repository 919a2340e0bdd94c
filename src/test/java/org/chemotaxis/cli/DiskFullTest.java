package org.chemotaxis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.chemotaxis.report.Disk;
import org.chemotaxis.report.EventHistory;
import org.chemotaxis.report.ModelFile;
import org.chemotaxis.report.RunLock;
import org.chemotaxis.runtime.EventLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up during a training, at each of the run's writes in turn (injected through
 * {@link Disk}, see {@link FillingDisk}): the run fails with exit 1 and one line naming the file
 * and the cause, the folder it leaves is whole (no cut line in events.jsonl or metrics.csv, no
 * cut TensorBoard record, no temporary file), and {@code train --resume}, once there is space
 * again, ends with the parameters of a run that never failed, every epoch recorded exactly once
 * in events.jsonl, metrics.csv and tb/.
 */
class DiskFullTest {

    static final int EPOCHS = 4;

    @TempDir
    static Path tmp;

    private static Path config;
    private static Path out;
    private static String referenceSha;
    private static String referenceLastSha;

    @BeforeAll
    static void reference() {
        config = RunFiles.writeSmallConfig(tmp, EPOCHS, "central");
        out = tmp.resolve("runs");
        Captured r = capture(() -> Main.execute(train("reference")));
        assertEquals(ExitCode.OK, r.code, r.output);
        referenceSha = RunFiles.finishedSha(out.resolve("reference"));
        referenceLastSha = RunFiles.lastSha(out.resolve("reference"));
        complete(out.resolve("reference"));
    }

    private static String[] train(String name) {
        return new String[] {"train", config.toString(), "--out", out.toString(), "--name", name, "--workers", "2"};
    }

    /**
     * One write site: which write fills the disk, and the file the failure line must name. A write
     * made off the training's thread ({@code async}) fails while the training goes on: its next
     * write, to a disk that stays full, fails too, and either may be the one the line names, as
     * long as it is a file whose write did fail.
     */
    private record Site(String name, Supplier<FillingDisk> disk, String file, boolean async) {
        Site(String name, Supplier<FillingDisk> disk, String file) {
            this(name, disk, file, false);
        }
    }

    private static List<Site> sites() {
        return List.of(
                new Site("config.yml of a fresh run", () -> FillingDisk.at("config.yml", FillingDisk.any(), 1), "config.yml"),
                new Site("events.jsonl: RunStarted", () -> FillingDisk.at("events.jsonl",
                        FillingDisk.event("RunStarted", -1), 1), "events.jsonl"),
                new Site("events.jsonl: EpochEnded of epoch 2", () -> FillingDisk.at("events.jsonl",
                        FillingDisk.event("EpochEnded", 1), 1), "events.jsonl"),
                new Site("events.jsonl: Checkpointed of epoch 2", () -> FillingDisk.at("events.jsonl",
                        FillingDisk.event("Checkpointed", 1), 1), "events.jsonl"),
                new Site("events.jsonl: the first picture of the best network (written by another thread)",
                        () -> FillingDisk.at("events.jsonl", FillingDisk.event("BestPreview", -1), 1), "events.jsonl", true),
                new Site("events.jsonl: RunFinished", () -> FillingDisk.at("events.jsonl",
                        FillingDisk.event("RunFinished", -1), 1), "events.jsonl"),
                new Site("metrics.csv: the row of epoch 2", () -> FillingDisk.at("metrics.csv", s -> s.startsWith("1,"), 1),
                        "metrics.csv"),
                new Site("tb/: the TensorBoard file's first record", () -> FillingDisk.at("tb", FillingDisk.any(), 1), "tb"),
                new Site("tb/: the scalars of epoch 3", () -> FillingDisk.at("tb", FillingDisk.any(), 4), "tb"),
                new Site("checkpoint.json after epoch 3", () -> FillingDisk.at("checkpoint.json",
                        s -> s.contains("\"epochs_done\":3,"), 1), "checkpoint.json"),
                new Site("model.json: the second best model", () -> FillingDisk.at("model.json", FillingDisk.any(), 2),
                        "model.json"),
                new Site("report.html at the end", () -> FillingDisk.at("report.html", FillingDisk.any(), 1), "report.html"),
                new Site("loss.png at the end", () -> FillingDisk.at("loss.png", FillingDisk.any(), 1), "loss.png"),
                new Site("events.jsonl once (later writes find space again)", () -> FillingDisk.once("events.jsonl",
                        FillingDisk.event("EpochEnded", 1), 1), "events.jsonl"),
                new Site("metrics.csv once (later writes find space again)", () -> FillingDisk.once("metrics.csv",
                        s -> s.startsWith("2,"), 1), "metrics.csv"),
                new Site("tb/ once (later writes find space again)", () -> FillingDisk.once("tb", FillingDisk.any(), 3), "tb"));
    }

    @TestFactory
    Stream<DynamicTest> aFullDiskAtEachWriteLeavesAResumableRun() {
        return sites().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> fillsThenResumes(s)));
    }

    private void fillsThenResumes(Site site) throws Exception {
        String name = "site-" + Math.abs(site.name().hashCode());
        Path run = out.resolve(name);
        FillingDisk disk = site.disk().get();
        Captured failed;
        try (AutoCloseable full = Disk.simulate(disk)) {
            failed = capture(() -> Main.execute(train(name)));
        }
        String shown = "\n" + failed.output;
        assertEquals(ExitCode.FAILED, failed.code, "exit code" + shown);
        assertTrue(disk.failedFile() != null, "the disk filled up" + shown);
        assertFalse(failed.output.contains("\tat ") || failed.output.contains("Exception"), "a stack trace" + shown);
        List<String> lines = failed.err.lines().filter(l -> l.startsWith("failed: ")).toList();
        assertEquals(1, lines.size(), "one failed line" + shown);
        // stderr is the JVM's: a run of another test that is still waiting for workers, and a worker that
        // a starved machine lets confirm the end late, log there too; neither is about the disk.
        assertEquals(List.of(), failed.err.lines().filter(l -> l.contains(" ERROR ") || l.contains(" WARN "))
                .filter(l -> !l.contains("no usable worker for") && !l.contains("did not confirm the end"))
                .toList(), "no other line about it" + shown);
        String line = lines.get(0);
        Path expected = site.file().equals("tb") ? run.resolve("tb") : run.resolve(site.file());
        Path filled = disk.failedFile();
        assertTrue(filled.equals(expected) || expected.equals(filled.getParent()), "the write that filled the disk: "
                + filled + shown);
        if (site.async()) {
            List<Path> refused = disk.refusedFiles();
            assertTrue(refused.stream().anyMatch(f -> line.startsWith("failed: cannot write " + f + ":")),
                    "names a file whose write failed " + refused + shown);
        } else {
            assertTrue(line.startsWith("failed: cannot write " + expected), "names the file " + expected + shown);
        }
        assertTrue(line.contains(FillingDisk.NO_SPACE), "says why" + shown);

        if (Files.exists(run.resolve("checkpoint.json"))) {
            assertTrue(line.endsWith("continue with: bin/chemotaxis train --resume " + run), "says what to do" + shown);
            whole(run);
            Captured resumed = capture(() -> Main.execute("train", "--resume", run.toString(), "--workers", "1"));
            assertEquals(ExitCode.OK, resumed.code, resumed.output);
            assertTrue(resumed.output.contains("params_sha256=" + referenceSha), "the hash of the run that never failed"
                    + "\n" + resumed.output);
        } else {
            // no epoch was completed: nothing to resume, and no folder in the way of starting again
            assertTrue(line.endsWith("start the run again"), "says what to do" + shown);
            assertFalse(Files.exists(run), "the folder of a run without a checkpoint goes" + shown);
            Captured again = capture(() -> Main.execute(train(name)));
            assertEquals(ExitCode.OK, again.code, again.output);
        }
        assertEquals(referenceLastSha, RunFiles.lastSha(run));
        List<JsonNode> finished = RunFiles.events(run, "RunFinished");
        assertEquals(referenceSha, finished.get(finished.size() - 1).path("params_sha256").asText());
        complete(run);
    }

    /**
     * The disk is still full when the run is resumed: the resume's own writes (the epoch it
     * completes from the checkpoint) fail whole, and a later resume, with space, still ends where
     * the run that never failed ends.
     */
    @org.junit.jupiter.api.Test
    void aResumeOnAStillFullDiskFailsTheSameWayAndTheNextOneContinues() throws Exception {
        Path run = out.resolve("still-full");
        try (AutoCloseable full = Disk.simulate(FillingDisk.at("events.jsonl", FillingDisk.event("EpochEnded", 1), 1))) {
            assertEquals(ExitCode.FAILED, capture(() -> Main.execute(train("still-full"))).code);
        }
        String before = Files.readString(run.resolve("events.jsonl"));
        String metricsBefore = Files.readString(run.resolve("metrics.csv"));
        Captured again;
        try (AutoCloseable full = Disk.simulate(FillingDisk.at("metrics.csv", FillingDisk.any(), 1))) {
            again = capture(() -> Main.execute("train", "--resume", run.toString(), "--workers", "1"));
        }
        assertEquals(ExitCode.FAILED, again.code, again.output);
        assertTrue(again.err.contains("warning: events.jsonl, metrics.csv, tb/ lacked epoch 2"), again.output);
        List<String> lines = again.err.lines().filter(l -> l.startsWith("failed: ")).toList();
        assertEquals(List.of("failed: cannot write " + run.resolve("metrics.csv") + ": " + FillingDisk.NO_SPACE
                + "; free space (or fix the folder), then continue with: bin/chemotaxis train --resume " + run), lines);
        assertEquals(before, Files.readString(run.resolve("events.jsonl")), "the events line written first is undone");
        assertEquals(metricsBefore, Files.readString(run.resolve("metrics.csv")));
        whole(run);

        Captured resumed = capture(() -> Main.execute("train", "--resume", run.toString(), "--workers", "1"));
        assertEquals(ExitCode.OK, resumed.code, resumed.output);
        assertTrue(resumed.output.contains("params_sha256=" + referenceSha), resumed.output);
        assertEquals(referenceLastSha, RunFiles.lastSha(run));
        complete(run);
    }

    /** What a failed run leaves: whole lines, whole records, no temporary files, the lock let go. */
    private static void whole(Path run) throws IOException {
        EventHistory.Read events = EventHistory.read(run.resolve("events.jsonl"));
        assertEquals(List.of(), events.warnings(), "no cut event line");
        assertFalse(events.tornTail());
        String metrics = Files.readString(run.resolve("metrics.csv"));
        assertTrue(metrics.isEmpty() || metrics.endsWith("\n"), "metrics.csv ends with a whole row");
        int fields = EventLog.METRICS_HEADER.split(",").length;
        for (String row : metrics.lines().toList()) {
            assertEquals(fields, row.split(",", -1).length, "a whole row: " + row);
        }
        for (Path tb : RunFiles.contents(run.resolve("tb"))) {
            scalarSteps(tb);
        }
        try (Stream<Path> s = Files.list(run)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), "temporary files");
        }
        if (Files.exists(run.resolve("model.json"))) {
            ModelFile.read(run.resolve("model.json"));
        }
        assertFalse(RunLock.isHeld(run));
    }

    /** Every epoch exactly once, in order, in events.jsonl (EpochEnded and Checkpointed), metrics.csv and tb/. */
    private static void complete(Path run) {
        try {
            whole(run);
            List<Long> all = LongStream.range(0, EPOCHS).boxed().toList();
            assertEquals(all, RunFiles.events(run, "EpochEnded").stream().map(e -> e.path("epoch").asLong()).toList());
            assertEquals(all, RunFiles.events(run, "Checkpointed").stream().map(e -> e.path("epoch").asLong()).toList());
            List<Long> rows = Files.readAllLines(run.resolve("metrics.csv")).stream().skip(1)
                    .map(r -> Long.parseLong(r.substring(0, r.indexOf(',')))).toList();
            assertEquals(all, rows, "metrics.csv");
            List<Long> steps = new ArrayList<>();
            for (Path tb : RunFiles.contents(run.resolve("tb")).stream().sorted().toList()) {
                steps.addAll(scalarSteps(tb));
            }
            assertEquals(all, steps, "the scalars in tb/");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The steps of the scalar events of a TensorBoard file, read from the format's description
     * (TFRecord frames of length, CRC, data, CRC; protobuf Event: step is field 2, summary field
     * 5): every record must be whole.
     */
    static List<Long> scalarSteps(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<Long> steps = new ArrayList<>();
        while (b.hasRemaining()) {
            assertTrue(b.remaining() >= 12, "a cut record header in " + file);
            long length = b.getLong();
            b.getInt();
            assertTrue(b.remaining() >= length + 4, "a cut record in " + file);
            ByteBuffer event = b.slice(b.position(), (int) length);
            b.position(b.position() + (int) length + 4);
            long step = 0;
            boolean summary = false;
            while (event.hasRemaining()) {
                long key = varint(event);
                int field = (int) (key >>> 3);
                switch ((int) (key & 7)) {
                    case 0 -> {
                        long v = varint(event);
                        if (field == 2) {
                            step = v;
                        }
                    }
                    case 1 -> event.position(event.position() + 8);
                    case 2 -> {
                        int n = (int) varint(event);
                        summary |= field == 5;
                        event.position(event.position() + n);
                    }
                    case 5 -> event.position(event.position() + 4);
                    default -> throw new AssertionError("wire type " + (key & 7) + " in " + file);
                }
            }
            if (summary) {
                steps.add(step);
            }
        }
        return steps;
    }

    private static long varint(ByteBuffer b) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b.get();
            v |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
    }

    record Captured(int code, String err, String output) {
    }

    interface Command {
        int run();
    }

    /** Runs a command with stdout and stderr captured (logback writes to System.err as it is then). */
    static synchronized Captured capture(Command command) {
        PrintStream outStream = System.out;
        PrintStream errStream = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            code = command.run();
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(outStream);
            System.setErr(errStream);
        }
        String e = errBytes.toString(StandardCharsets.UTF_8);
        return new Captured(code, e, e + outBytes.toString(StandardCharsets.UTF_8));
    }
}
