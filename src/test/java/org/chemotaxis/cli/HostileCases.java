package org.chemotaxis.cli;

import static org.chemotaxis.cli.HostileCase.bad;
import static org.chemotaxis.cli.HostileCase.failed;
import static org.chemotaxis.cli.HostileCase.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chemotaxis.report.Disk;
import org.chemotaxis.report.EventHistory;
import org.chemotaxis.report.RunLock;

/**
 * The rows of the hostile-input table, by family (issue 17): what a new user gets wrong and what a
 * hostile one tries. Each family's rows live in one method; {@link HostileInputTest} runs them.
 */
final class HostileCases {

    static final String RESUME = "resume: damaged run folder";
    static final String NAMES = "names: escaping --out";
    static final String LIMITS = "limits before allocating";
    static final String LOCK = "lock: two writers";
    static final String CHECKPOINT = "checkpoint and model: consistent but wrong";
    static final String OUTPUTS = "outputs: writing over the run";
    static final String CLUSTER = "cluster: TLS folders and nodes";
    static final String YAML = "yaml";
    static final String CLI = "command line";
    static final String DISK = "disk full";

    static final List<String> FAMILIES = List.of(RESUME, NAMES, LIMITS, LOCK, CHECKPOINT, OUTPUTS, CLUSTER, YAML, CLI,
            DISK);

    private static List<HostileCase> all;

    private HostileCases() {
    }

    static synchronized List<HostileCase> all() {
        if (all == null) {
            List<HostileCase> rows = new ArrayList<>();
            resume(rows);
            names(rows);
            limits(rows);
            lock(rows);
            checkpoint(rows);
            outputs(rows);
            cluster(rows);
            yaml(rows);
            commandLine(rows);
            disk(rows);
            all = List.copyOf(rows);
        }
        return all;
    }

    private static Object[] a(Object... args) {
        return args;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** train --resume run/ */
    private static HostileCase.Args resumeRun() {
        return ws -> a("train", "--resume", ws.run(), "--workers", "1");
    }

    private static HostileCase.Args trainTiny(Object... more) {
        return ws -> {
            List<Object> args = new ArrayList<>(List.of("train", ws.tiny(), "--out", ws.path("out")));
            args.addAll(List.of(more));
            return args.toArray();
        };
    }

    private static HostileCase.Args train(String configName, Object... more) {
        return ws -> {
            List<Object> args = new ArrayList<>(List.of("train", ws.path(configName), "--out", ws.path("out")));
            args.addAll(List.of(more));
            return args.toArray();
        };
    }

    /** After a resume the events file reads back whole: the damaged line stayed on a line of its own. */
    private static final HostileCase.Check EVENTS_READ_BACK = (ws, out) -> {
        EventHistory.Read read = EventHistory.read(ws.run().resolve("events.jsonl"));
        assertFalse(read.tornTail(), "the file ends with a whole line");
        assertEquals(2, read.events().stream().filter(e -> e.path("event").asText().equals("RunFinished")).count(),
                "the resumed run's events were written after the damaged line");
        assertFalse(RunLock.isHeld(ws.run()), "the lock is let go after the run");
        assertEquals("", Files.readString(ws.run().resolve(RunLock.FILE)), "an empty lock file: no run is active");
    };

    // ------------------------------------------------------------------------------------------

    private static void resume(List<HostileCase> rows) {
        Path events = Path.of("events.jsonl");
        rows.add(ok(RESUME, "last event cut in the middle of a multi-byte character", "cut off (or not UTF-8)", resumeRun())
                .given(ws -> ws.append(ws.run().resolve(events), concat(bytes("{\"event\":\"Interrupted\",\"reason\":\"caf"),
                        new byte[] {(byte) 0xc3})))
                .then(EVENTS_READ_BACK));
        rows.add(ok(RESUME, "last event cut after a few characters", "cut off", resumeRun())
                .given(ws -> ws.append(ws.run().resolve(events), bytes("{\"ev")))
                .then(EVENTS_READ_BACK));
        rows.add(ok(RESUME, "an event cut by an earlier kill inside the file", "line 3 of", resumeRun())
                .given(ws -> {
                    Path f = ws.run().resolve(events);
                    List<String> lines = Files.readAllLines(f);
                    lines.add(2, "{\"event\":\"EpochEnded\",\"run_id\":\"run\",\"ti");
                    Files.write(f, lines);
                })
                .then(EVENTS_READ_BACK));
        rows.add(ok(RESUME, "invalid UTF-8 inside an event line", "line 1 of", resumeRun())
                .given(ws -> {
                    Path f = ws.run().resolve(events);
                    byte[] all = Files.readAllBytes(f);
                    Files.write(f, concat(bytes("{\"event\":\"Note\",\"text\":\"\u00ff"),
                            concat(new byte[] {(byte) 0xff, (byte) 0xfe}, concat(bytes("\"}\n"), all))));
                })
                .then(EVENTS_READ_BACK));
        rows.add(bad(RESUME, "a last line of NUL bytes (not a cut event: a crash of the file system)", "is not an event",
                resumeRun()).given(ws -> ws.append(ws.run().resolve(events), new byte[64])));
        rows.add(ok(RESUME, "a second resume after a cut event reads the file again", "run_dir=",
                ws -> a("train", "--resume", ws.run(), "--set", "training.epochs=3", "--workers", "1"))
                .given(ws -> {
                    ws.append(ws.run().resolve(events), bytes("{\"event\":\"EpochEnded\",\"run_id\":\"run\",\"x\":\"\u00e9"));
                    ws.append(ws.run().resolve(events), new byte[] {(byte) 0xe2, (byte) 0x82});
                    assertEquals(ExitCode.OK, Main.execute("train", "--resume", ws.run().toString(), "--workers", "1"));
                })
                .then((ws, out) -> {
                    List<JsonNode> all = EventHistory.read(ws.run().resolve("events.jsonl")).events();
                    assertEquals(3, all.stream().filter(e -> e.path("event").asText().equals("EpochEnded")).count(),
                            "epochs 1, 2 and 3 recorded");
                    assertEquals(1, all.stream().filter(e -> e.path("event").asText().equals("RunExtended")).count());
                }));
        rows.add(ok(RESUME, "an empty events.jsonl", "run_dir=", resumeRun())
                .given(ws -> Files.writeString(ws.run().resolve(events), "")));
        rows.add(ok(RESUME, "no events.jsonl at all", "run_dir=", resumeRun())
                .given(ws -> ws.delete(ws.run().resolve(events))));
        rows.add(ok(RESUME, "an event type this version does not know", "run_dir=", resumeRun())
                .given(ws -> ws.append(ws.run().resolve(events), bytes("{\"event\":\"FromTheFuture\",\"x\":1}\n"))));
        rows.add(ok(RESUME, "events with CRLF line ends", "run_dir=", resumeRun())
                .given(ws -> {
                    Path f = ws.run().resolve(events);
                    Files.writeString(f, Files.readString(f).replace("\n", "\r\n"));
                }));
        rows.add(ok(RESUME, "a torn last row in metrics.csv", "run_dir=", resumeRun())
                .given(ws -> ws.append(ws.run().resolve("metrics.csv"), bytes("2,0.1,0.")))
                .then((ws, out) -> assertTrue(Files.readString(ws.run().resolve("metrics.csv")).endsWith("2,0.1,0.\n"),
                        "the torn row stays a line of its own")));
        rows.add(ok(RESUME, "an empty metrics.csv", "run_dir=", resumeRun())
                .given(ws -> Files.writeString(ws.run().resolve("metrics.csv"), "")));
        rows.add(bad(RESUME, "a line of text inside events.jsonl", "is not an event", resumeRun())
                .given(ws -> {
                    Path f = ws.run().resolve(events);
                    List<String> lines = new ArrayList<>(Files.readAllLines(f));
                    lines.add(1, "hello, I edited this");
                    Files.write(f, lines);
                }));
        rows.add(bad(RESUME, "binary bytes inside events.jsonl", "is not an event", resumeRun())
                .given(ws -> {
                    Path f = ws.run().resolve(events);
                    byte[] all = Files.readAllBytes(f);
                    Files.write(f, concat(new byte[] {0, 1, 2, (byte) 0x9f, '\n'}, all));
                }));
        rows.add(bad(RESUME, "a JSON array line inside events.jsonl", "is not an event", resumeRun())
                .given(ws -> {
                    Path f = ws.run().resolve(events);
                    Files.writeString(f, "[1,2,3]\n" + Files.readString(f));
                }));
        rows.add(bad(RESUME, "events.jsonl is a folder", "is a folder", resumeRun())
                .given(ws -> ws.folderInstead(ws.run().resolve(events))));
        rows.add(bad(RESUME, "events.jsonl is a dangling link", "not a regular file", resumeRun())
                .given(ws -> {
                    Path f = ws.run().resolve(events);
                    ws.delete(f);
                    Files.createSymbolicLink(f, ws.path("nowhere"));
                }));
        rows.add(bad(RESUME, "metrics.csv is a folder", "is a folder", resumeRun())
                .given(ws -> ws.folderInstead(ws.run().resolve("metrics.csv"))));
        rows.add(bad(RESUME, "metrics.csv of something else", "does not begin with", resumeRun())
                .given(ws -> Files.writeString(ws.run().resolve("metrics.csv"), "a,b,c\n1,2,3\n")));
        rows.add(bad(RESUME, "tb is a file", "tb is a file", resumeRun())
                .given(ws -> {
                    Path tb = ws.run().resolve("tb");
                    try (var s = Files.list(tb)) {
                        for (Path p : s.toList()) {
                            Files.delete(p);
                        }
                    }
                    Files.delete(tb);
                    Files.writeString(tb, "not a folder");
                }));
        rows.add(bad(RESUME, "model.json is a folder", "is a folder", resumeRun())
                .given(ws -> ws.folderInstead(ws.run().resolve("model.json"))));
        rows.add(bad(RESUME, "report.html is a folder", "is a folder", resumeRun())
                .given(ws -> ws.folderInstead(ws.run().resolve("report.html"))));
        rows.add(bad(RESUME, "checkpoint.json is a folder", "checkpoint", resumeRun())
                .given(ws -> ws.folderInstead(ws.run().resolve("checkpoint.json"))));
        rows.add(bad(RESUME, "config.yml is a folder", "is a folder", resumeRun())
                .given(ws -> ws.folderInstead(ws.run().resolve("config.yml"))));
        rows.add(bad(RESUME, "the run folder is a file", "is a file", ws -> a("train", "--resume", ws.file("notarun", "x"))));
        rows.add(bad(RESUME, "the run folder does not exist", "not found", ws -> a("train", "--resume", ws.path("gone"))));
        rows.add(bad(RESUME, "a folder without config.yml", "no config.yml", ws -> a("train", "--resume", ws.root)));
        rows.add(bad(RESUME, "config.yml with a syntax error", "config.yml", resumeRun())
                .given(ws -> ws.append(ws.run().resolve("config.yml"), bytes("model: {hidden: 4\n"))));
        rows.add(bad(RESUME, "config.yml not UTF-8", "not UTF-8", resumeRun())
                .given(ws -> ws.append(ws.run().resolve("config.yml"), new byte[] {'#', (byte) 0xff, '\n'})));
        rows.add(bad(RESUME, "no checkpoint", "no checkpoint", resumeRun())
                .given(ws -> ws.delete(ws.run().resolve("checkpoint.json"))));
        rows.add(bad(RESUME, "a truncated checkpoint", "damaged or truncated", resumeRun())
                .given(ws -> {
                    Path f = ws.run().resolve("checkpoint.json");
                    String t = Files.readString(f);
                    Files.writeString(f, t.substring(0, t.length() / 3));
                }));
        rows.add(bad(RESUME, "an empty checkpoint", "damaged or truncated", resumeRun())
                .given(ws -> Files.writeString(ws.run().resolve("checkpoint.json"), "")));
        rows.add(bad(RESUME, "a checkpoint that is a JSON list", "damaged or truncated", resumeRun())
                .given(ws -> Files.writeString(ws.run().resolve("checkpoint.json"), "[1,2]")));
        rows.add(bad(RESUME, "a checkpoint of another format", "format", resumeRun())
                .given(ws -> ws.editJson(ws.run().resolve("checkpoint.json"), c -> c.put("format", "other/2"))));
        rows.add(bad(RESUME, "config.yml changed to another model size", "does not fit", resumeRun())
                .given(ws -> {
                    Path f = ws.run().resolve("config.yml");
                    Files.writeString(f, Files.readString(f).replace("hidden: 4", "hidden: 5"));
                }));
        rows.add(bad(RESUME, "config.yml changed to another optimizer", "does not fit", resumeRun())
                .given(ws -> {
                    Path f = ws.run().resolve("config.yml");
                    Files.writeString(f, Files.readString(f).replace("type: adam", "type: momentum"));
                }));
        rows.add(bad(RESUME, "fewer epochs than done", "at least the 2 epochs done",
                ws -> a("train", "--resume", ws.run(), "--set", "training.epochs=1")));
        rows.add(bad(RESUME, "--set of another key on resume", "only --set training.epochs",
                ws -> a("train", "--resume", ws.run(), "--set", "model.hidden=8")));
        rows.add(bad(RESUME, "a config together with --resume", "--resume continues a run",
                ws -> a("train", ws.tiny(), "--resume", ws.run())));
        rows.add(bad(RESUME, "report of a folder without events", "no events.jsonl",
                ws -> a("report", ws.root)));
    }

    // ------------------------------------------------------------------------------------------

    private static void names(List<HostileCase> rows) {
        String rule = "must be 1 to 64 letters";
        rows.add(bad(NAMES, "--set name=../esc", rule, trainTiny("--set", "name=../esc")));
        rows.add(bad(NAMES, "--set name=a/b", rule, trainTiny("--set", "name=a/b")));
        rows.add(bad(NAMES, "--set name=/tmp/abs", rule, trainTiny("--set", "name=/tmp/abs")));
        rows.add(bad(NAMES, "name: ../../etc in the YAML", rule, train("n.yml", "--workers", "1"))
                .given(ws -> ws.file("n.yml", "name: ../../etc\ntraining: {epochs: 1}\n")));
        rows.add(bad(NAMES, "a name with a newline in the YAML", "a\\nb", train("n.yml"))
                .given(ws -> ws.file("n.yml", "name: \"a\\nb\"\n")));
        rows.add(bad(NAMES, "a name with a tab in the YAML", rule, train("n.yml"))
                .given(ws -> ws.file("n.yml", "name: \"a\\tb\"\n")));
        rows.add(bad(NAMES, "an empty name in the YAML", "name must not be empty", train("n.yml"))
                .given(ws -> ws.file("n.yml", "name: ''\n")));
        rows.add(bad(NAMES, "--name ../x", "--name " + rule, trainTiny("--name", "../x")));
        rows.add(bad(NAMES, "--name a/b", "--name " + rule, trainTiny("--name", "a/b")));
        rows.add(bad(NAMES, "--name /absolute", "--name " + rule, trainTiny("--name", "/absolute")));
        rows.add(bad(NAMES, "--name ..", "--name " + rule, trainTiny("--name", "..")));
        rows.add(bad(NAMES, "--name .", "--name " + rule, trainTiny("--name", ".")));
        rows.add(bad(NAMES, "--name .hidden", "--name " + rule, trainTiny("--name", ".hidden")));
        rows.add(bad(NAMES, "--name with a newline", "a\\nb", trainTiny("--name", "a\nb")));
        rows.add(bad(NAMES, "--name with a carriage return", "a\\rb", trainTiny("--name", "a\rb")));
        rows.add(bad(NAMES, "--name empty", "--name " + rule, trainTiny("--name", "")));
        rows.add(bad(NAMES, "--name with a space", "--name " + rule, trainTiny("--name", "a b")));
        rows.add(bad(NAMES, "--name with a backslash", "--name " + rule, trainTiny("--name", "a\\b")));
        rows.add(bad(NAMES, "--name of 65 characters", "--name " + rule, trainTiny("--name", "x".repeat(65))));
        rows.add(bad(NAMES, "--name with a non-ASCII letter", "--name " + rule, trainTiny("--name", "r\u00e9sum\u00e9")));
        rows.add(bad(NAMES, "--name with a NUL", "--name " + rule, trainTiny("--name", "a\u0000b")));
        rows.add(bad(NAMES, "--name of an existing folder", "already exists", trainTiny("--name", "taken"))
                .given(ws -> Files.createDirectories(ws.path("out/taken"))));
        rows.add(bad(NAMES, "--resume with --name", "give no CONFIG, --name", ws -> a("train", "--resume", ws.run(),
                "--name", "other")));
        rows.add(ok(NAMES, "a name of letters, digits, '.', '_' and '-' is fine", "run_dir=",
                trainTiny("--name", "ok-1.2_x", "--set", "training.epochs=1", "--workers", "1"))
                .then((ws, out) -> {
                    assertTrue(Files.isRegularFile(ws.path("out/ok-1.2_x/checkpoint.json")));
                    assertEquals("", Files.readString(ws.path("out/ok-1.2_x/" + RunLock.FILE)), "no holder after the run");
                    try (var s = Files.list(ws.path("out"))) {
                        assertEquals(1, s.count(), "one run folder, inside --out");
                    }
                }));
    }

    // ------------------------------------------------------------------------------------------

    private static void limits(List<HostileCase> rows) {
        rows.add(bad(LIMITS, "model.hidden=65536 (overflowed the parameter count)", "model.hidden must be at most 4096",
                trainTiny("--set", "model.hidden=65536")));
        rows.add(bad(LIMITS, "model.hidden=4097", "model.hidden must be at most 4096", trainTiny("--set", "model.hidden=4097")));
        rows.add(bad(LIMITS, "model.hidden=2147483647", "model.hidden must be at most", trainTiny("--set", "model.hidden=2147483647")));
        rows.add(bad(LIMITS, "model.hidden beyond an int", "model.hidden must be an integer",
                trainTiny("--set", "model.hidden=4294967296")));
        rows.add(bad(LIMITS, "model.hidden=-3", "model.hidden must be > 0", trainTiny("--set", "model.hidden=-3")));
        rows.add(bad(LIMITS, "model.layers=65", "model.layers must be at most 64", trainTiny("--set", "model.layers=65")));
        rows.add(bad(LIMITS, "4096 units in 2 layers: too many parameters", "at most 16777216 are allowed",
                trainTiny("--set", "model.hidden=4096", "--set", "model.layers=2")));
        rows.add(bad(LIMITS, "2048 units in 8 layers", "at most 16777216 are allowed",
                trainTiny("--set", "model={hidden: 2048, layers: 8}")));
        rows.add(bad(LIMITS, "data.count=2000000000", "data.count must be at most 1000000",
                trainTiny("--set", "data.count=2000000000")));
        rows.add(bad(LIMITS, "data.length=2147483647", "data.length must be at most 1000000",
                trainTiny("--set", "data.length=2147483647")));
        rows.add(bad(LIMITS, "data.count × data.length too large", "data.count × data.length must be at most",
                trainTiny("--set", "data.count=1000000", "--set", "data.length=1000")));
        rows.add(bad(LIMITS, "data.count=1", "data.count must be >= 2", trainTiny("--set", "data.count=1")));
        rows.add(bad(LIMITS, "data.window=2000000 (csv)", "data.window must be at most 1000000", train("c.yml"))
                .given(ws -> ws.file("c.yml", "data: {type: csv, path: d.csv, input_columns: [x], target_columns: [x],"
                        + " window: 2000000}\n")));
        rows.add(bad(LIMITS, "data.stride=2147483647 (csv)", "data.stride must be at most", train("c.yml"))
                .given(ws -> ws.file("c.yml", "data: {type: csv, path: d.csv, input_columns: [x], target_columns: [x],"
                        + " stride: 2147483647}\n")));
        rows.add(bad(LIMITS, "estimator.directions=2000000000", "estimator.directions must be at most",
                trainTiny("--set", "estimator.directions=2000000000")));
        rows.add(bad(LIMITS, "training.epochs=2000000000", "training.epochs must be at most",
                trainTiny("--set", "training.epochs=2000000000")));
        rows.add(bad(LIMITS, "training.batch=2147483647", "training.batch must be at most",
                trainTiny("--set", "training.batch=2147483647")));
        rows.add(bad(LIMITS, "training.steps_per_epoch=1000001", "training.steps_per_epoch must be at most",
                trainTiny("--set", "training.steps_per_epoch=1000001")));
        rows.add(bad(LIMITS, "runtime.workers=100000", "runtime.workers must be at most 1024",
                trainTiny("--set", "runtime.workers=100000")));
        rows.add(bad(LIMITS, "runtime.task_size=2000000000", "runtime.task_size must be at most",
                trainTiny("--set", "runtime.task_size=2000000000")));
        rows.add(bad(LIMITS, "generation.steps=2000000000", "generation.steps must be at most",
                trainTiny("--set", "generation.steps=2000000000")));
        rows.add(bad(LIMITS, "generation.warmup=2000000000", "generation.warmup must be at most",
                trainTiny("--set", "generation.warmup=2000000000")));
        rows.add(bad(LIMITS, "chemotaxis.validation_episodes=1000000", "chemotaxis.validation_episodes must be at most",
                trainTiny("--set", "chemotaxis.validation_episodes=1000000")));
        rows.add(bad(LIMITS, "chemotaxis.plot_worms=100000", "chemotaxis.plot_worms must be at most",
                trainTiny("--set", "chemotaxis.plot_worms=100000")));
        rows.add(bad(LIMITS, "problem.validation_episodes=2000000", "problem.validation_episodes must be at most",
                trainTiny("--set", "problem.validation_episodes=2000000")));
        rows.add(bad(LIMITS, "world.duration / world.dt of 10^12 steps", "world.duration / world.dt must be at most",
                trainTiny("--set", "world.duration=1.0e9", "--set", "world.dt=0.001")));
        rows.add(bad(LIMITS, "train --workers 100000", "--workers must be in 0..1024", trainTiny("--workers", "100000")));
        rows.add(bad(LIMITS, "train --workers -1", "--workers must be in 0..1024", trainTiny("--workers", "-1")));
        rows.add(bad(LIMITS, "train --workers beyond an int", "--workers", trainTiny("--workers", "2147483648")));
        rows.add(bad(LIMITS, "worker --workers 0", "--workers must be in 1..1024",
                ws -> a("worker", "--join", "127.0.0.1:1", "--workers", "0")));
        rows.add(bad(LIMITS, "worker --workers 100000", "--workers must be in 1..1024",
                ws -> a("worker", "--join", "127.0.0.1:1", "--workers", "100000")));
        rows.add(bad(LIMITS, "generate --steps 2000000000", "--steps must be in 1..1000000",
                ws -> a("generate", ws.run(), "--steps", "2000000000")));
        rows.add(bad(LIMITS, "generate --steps 0", "--steps must be in 1..1000000", ws -> a("generate", ws.run(), "--steps", "0")));
        rows.add(bad(LIMITS, "generate --steps -5", "--steps must be in", ws -> a("generate", ws.run(), "--steps", "-5")));
        rows.add(bad(LIMITS, "generate --warmup 2000000000", "--warmup must be in 1..1000000",
                ws -> a("generate", ws.run(), "--warmup", "2000000000")));
        rows.add(bad(LIMITS, "generate --warmup 0", "--warmup must be in", ws -> a("generate", ws.run(), "--warmup", "0")));
        rows.add(bad(LIMITS, "evaluate --starts 2147483647", "--starts must be in 1..100000",
                ws -> a("evaluate", ws.chem(), "--starts", "2147483647")));
        rows.add(bad(LIMITS, "evaluate --starts 100001", "--starts must be in 1..100000",
                ws -> a("evaluate", ws.chem(), "--starts", "100001")));
        rows.add(bad(LIMITS, "evaluate --starts 0", "--starts must be in", ws -> a("evaluate", ws.chem(), "--starts", "0")));
        rows.add(bad(LIMITS, "evaluate --starts -7 of a baseline", "--starts must be in",
                ws -> a("evaluate", "--controller", "combined", "--starts", "-7")));
        rows.add(bad(LIMITS, "evaluate --controller --starts 2147483647", "--starts must be in",
                ws -> a("evaluate", "--controller", "combined", "--starts", "2147483647")));
        rows.add(bad(LIMITS, "compare --starts 2147483647", "--starts must be in 1..100000",
                ws -> a("compare", "--starts", "2147483647", ws.run())));
        rows.add(bad(LIMITS, "evaluate --duration 1e9", "--duration / --dt must be at most",
                ws -> a("evaluate", ws.chem(), "--duration", "1e9")));
        rows.add(bad(LIMITS, "evaluate --dt 1e-9", "--duration / --dt must be at most",
                ws -> a("evaluate", ws.chem(), "--dt", "1e-9")));
        rows.add(bad(LIMITS, "evaluate --duration 1e300 names --duration", "--duration / --dt must be at most",
                ws -> a("evaluate", "--controller", "none", "--duration", "1e300")));
        String sparse = "has " + SPARSE_BYTES + " bytes; a CSV file may have at most 268435456 (256 MiB)";
        rows.add(bad(LIMITS, "a CSV data file of 300 MiB: refused by its size, before it is read", sparse, train("c.yml"))
                .given(ws -> ws.file("c.yml", "data: {type: csv, path: '" + sparseCsv(ws) + "', input_columns: [x],"
                        + " target_columns: [x]}\n")));
        rows.add(bad(LIMITS, "predict --data of 300 MiB", sparse, ws -> a("predict", ws.csvRun(), "--data", sparseCsv(ws))));
        rows.add(bad(LIMITS, "a CSV line of 2 MiB", "line 3 is longer than 1048576 characters", train("c.yml"))
                .given(ws -> {
                    ws.file("long.csv", "x\n1\n" + "9".repeat(2 * 1024 * 1024) + "\n2\n");
                    ws.file("c.yml", "data: {type: csv, path: long.csv, input_columns: [x], target_columns: [x]}\n");
                }));
        rows.add(bad(LIMITS, "a CSV of 9991 rows of 1001 columns: more than 10,000,000 values",
                "line 9992: more than 9990 data rows of 1001 columns; a CSV file may have at most 10000000 values",
                train("c.yml"))
                .given(ws -> {
                    wideCsv(ws);
                    ws.file("c.yml", "data: {type: csv, path: wide.csv, input_columns: [x], target_columns: [x]}\n");
                }));
        rows.add(bad(LIMITS, "predict --data of more than 10,000,000 values", "more than 9990 data rows of 1001 columns",
                ws -> a("predict", ws.csvRun(), "--data", wideCsv(ws))));
    }

    private static final long SPARSE_BYTES = 300L * 1024 * 1024;

    /**
     * A CSV file of 300 MiB (a header, then zeros: sparse, it takes no room on disk), beside the
     * workspaces so that their digests need not read it.
     */
    private static synchronized Path sparseCsv(HostileWorkspace ws) throws java.io.IOException {
        Path f = ws.root.toAbsolutePath().getParent().resolve("sparse-300MiB.csv");
        if (!Files.exists(f)) {
            try (var file = new java.io.RandomAccessFile(f.toFile(), "rw")) {
                file.write(bytes("x\n"));
                file.setLength(SPARSE_BYTES);
            }
        }
        return f;
    }

    /** wide.csv: a header x,c1..c1000 and 9991 rows of zeros, 20 MB. */
    private static Path wideCsv(HostileWorkspace ws) {
        StringBuilder b = new StringBuilder("x");
        for (int c = 1; c <= 1000; c++) {
            b.append(",c").append(c);
        }
        b.append('\n');
        String row = "0" + ",0".repeat(1000) + "\n";
        b.append(row.repeat(9991));
        return ws.file("wide.csv", b.toString());
    }

    // ------------------------------------------------------------------------------------------

    private static void lock(List<HostileCase> rows) {
        rows.add(bad(LOCK, "a resume while this JVM trains into the folder", "is in use by pid " + ProcessHandle.current().pid(),
                resumeRun()).given(ws -> ws.onClose(RunLock.acquire(ws.run()))));
        rows.add(bad(LOCK, "a resume with more epochs while the run is locked: config.yml untouched", "is in use by pid",
                ws -> a("train", "--resume", ws.run(), "--set", "training.epochs=9"))
                .given(ws -> ws.onClose(RunLock.acquire(ws.run()))));
        rows.add(bad(LOCK, "a resume while another process holds the lock", "is in use by pid", resumeRun())
                .given(ws -> {
                    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), ws.run().toString())
                            .redirectErrorStream(true).start();
                    ws.onClose(() -> {
                        p.getOutputStream().close();
                        if (!p.waitFor(30, TimeUnit.SECONDS)) {
                            p.destroyForcibly();
                        }
                    });
                    String first = new String(p.getInputStream().readNBytes(7), StandardCharsets.UTF_8);
                    assertEquals("locked ", first, "the holder took the lock");
                    assertTrue(RunLock.isHeld(ws.run()));
                }));
        rows.add(bad(LOCK, "a resume while another process trains into the folder (its files change meanwhile)",
                "is in use by pid", resumeRun())
                .changing()
                .given(ws -> {
                    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
                    Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                            Main.class.getName(), "train", "--resume", ws.run().toString(), "--set",
                            "training.epochs=100000", "--workers", "1")
                            .redirectErrorStream(true).redirectOutput(ws.path("trainer.log").toFile()).start();
                    ws.onClose(() -> {
                        p.destroyForcibly();
                        p.waitFor(60, TimeUnit.SECONDS);
                    });
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    while (RunFiles.epochsDone(ws.run().resolve("checkpoint.json")) < 3 && System.nanoTime() < deadline) {
                        assertTrue(p.isAlive(), Files.readString(ws.path("trainer.log")));
                        Thread.sleep(20);
                    }
                    assertTrue(RunLock.isHeld(ws.run()), "the other process trains: " + Files.readString(ws.path("trainer.log")));
                }));
        rows.add(ok(LOCK, "a fresh run may start from a locked run's model (it only reads it)", "run_dir=",
                ws -> a("train", ws.tiny(), "--out", ws.path("out"), "--workers", "1", "--init-from", ws.run(),
                        "--set", "training.epochs=1"))
                .given(ws -> ws.onClose(RunLock.acquire(ws.run()))));
        rows.add(bad(LOCK, "run.lock is a folder", "is a folder", resumeRun())
                .given(ws -> ws.folderInstead(ws.run().resolve(RunLock.FILE))));
        rows.add(ok(LOCK, "a stale lock (its process is gone) is taken over", "took over the stale lock of pid 999999999",
                resumeRun())
                .given(ws -> HostileWorkspace.write(ws.run().resolve(RunLock.FILE),
                        "pid=999999999\nhost=elsewhere\nsince=2020-01-01T00:00:00Z\n"))
                .then((ws, out) -> assertEquals("", Files.readString(ws.run().resolve(RunLock.FILE)), "emptied after the run")));
        rows.add(ok(LOCK, "a stale lock file of garbage is taken over", "took over the stale lock", resumeRun())
                .given(ws -> Files.write(ws.run().resolve(RunLock.FILE), new byte[] {1, 2, 3, (byte) 0xff}))
                .then((ws, out) -> assertEquals("", Files.readString(ws.run().resolve(RunLock.FILE)))));
        rows.add(ok(LOCK, "once the holder is gone the resume runs", "run_dir=", resumeRun())
                .given(ws -> RunLock.acquire(ws.run()).close())
                .then((ws, out) -> assertFalse(out.contains("stale"), "a released lock is not stale: " + out)));
    }

    // ------------------------------------------------------------------------------------------

    private static void checkpoint(List<HostileCase> rows) {
        rows.add(bad(CHECKPOINT, "step edited (+1), hash intact", "does not fit epochs_done", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> c.put("step", c.get("step").asLong() + 1))));
        rows.add(bad(CHECKPOINT, "step edited (-6), hash intact", "does not fit epochs_done", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> c.put("step", c.get("step").asLong() - 6))));
        rows.add(bad(CHECKPOINT, "negative step", "'step' must be >= 0", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> c.put("step", -12))));
        rows.add(bad(CHECKPOINT, "fractional step", "'step' is missing or not a whole number", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> c.put("step", 11.5))));
        rows.add(bad(CHECKPOINT, "step 1e30", "'step' is missing or not a whole number", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> c.put("step", 1e30))));
        rows.add(bad(CHECKPOINT, "step as text", "'step' is missing or not a whole number", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> c.put("step", "12"))));
        rows.add(bad(CHECKPOINT, "negative epochs_done", "'epochs_done' must be >= 0", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> c.put("epochs_done", -1))));
        rows.add(bad(CHECKPOINT, "epochs_done edited alone", "does not fit epochs_done", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> c.put("epochs_done", 1))));
        rows.add(bad(CHECKPOINT, "step, epochs_done and optimizer steps all set back one epoch", "older than the run's events",
                resumeRun())
                .given(ws -> ws.editCheckpoint(c -> {
                    c.put("epochs_done", 1);
                    c.put("step", 6);
                    ((ObjectNode) c.get("optimizer")).put("steps", 6);
                    ((ObjectNode) c.get("stopping")).put("best_epoch", 0);
                })));
        rows.add(bad(CHECKPOINT, "more epochs done than the run has", "exceeds the run's training.epochs", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> {
                    c.put("epochs_done", 3);
                    c.put("step", 18);
                    ((ObjectNode) c.get("optimizer")).put("steps", 18);
                })));
        rows.add(bad(CHECKPOINT, "optimizer steps edited", "the optimizer has taken 13 steps", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> ((ObjectNode) c.get("optimizer")).put("steps", 13))));
        rows.add(bad(CHECKPOINT, "negative optimizer steps", "'steps' must be >= 0", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> ((ObjectNode) c.get("optimizer")).put("steps", -1))));
        rows.add(bad(CHECKPOINT, "events.jsonl records another step for the last epoch", "records step 13", resumeRun())
                .given(ws -> {
                    Path f = ws.run().resolve("events.jsonl");
                    Files.writeString(f, Files.readString(f).replace("\"epoch\":1,\"step\":12", "\"epoch\":1,\"step\":13"));
                }));
        rows.add(bad(CHECKPOINT, "NaN in theta, hash recomputed", "not a finite number", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> HostileWorkspace.setFirst(c.get("theta"), Double.NaN))));
        rows.add(bad(CHECKPOINT, "Infinity in theta, hash recomputed", "not a finite number", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> HostileWorkspace.setFirst(c.get("theta"), Double.POSITIVE_INFINITY))));
        rows.add(bad(CHECKPOINT, "theta edited, hash stale", "does not match its theta_sha256", resumeRun())
                .given(ws -> ws.editJson(ws.run().resolve("checkpoint.json"),
                        c -> HostileWorkspace.setFirst(c.get("theta"), 0.125))));
        rows.add(bad(CHECKPOINT, "NaN in best_theta", "'best_theta' is NaN", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> HostileWorkspace.setFirst(c.get("best_theta"), Double.NaN))));
        rows.add(bad(CHECKPOINT, "NaN in the optimizer's first moment", "not a finite number", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> HostileWorkspace.setFirst(c.get("optimizer").get("buffers").get("exp_avg"),
                        Double.NaN))));
        rows.add(bad(CHECKPOINT, "-Infinity in the optimizer's second moment", "not a finite number", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> HostileWorkspace.setFirst(c.get("optimizer").get("buffers").get("exp_avg_sq"),
                        Double.NEGATIVE_INFINITY))));
        rows.add(bad(CHECKPOINT, "an optimizer buffer one value short", "optimizer buffer 'exp_avg' has 28 values", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> ((ArrayNode) c.get("optimizer").get("buffers").get("exp_avg")).remove(0))));
        rows.add(bad(CHECKPOINT, "an optimizer buffer missing", "does not fit", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> ((ObjectNode) c.get("optimizer").get("buffers")).remove("exp_avg_sq"))));
        rows.add(bad(CHECKPOINT, "an optimizer state of another type", "does not fit", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> ((ObjectNode) c.get("optimizer")).put("type", "sgd"))));
        rows.add(bad(CHECKPOINT, "best_theta one value short", "best_theta has 28 values", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> ((ArrayNode) c.get("best_theta")).remove(0))));
        rows.add(bad(CHECKPOINT, "theta of another size, hash recomputed", "does not fit", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> {
                    ((ArrayNode) c.get("theta")).add(0.5);
                    ((ArrayNode) c.get("best_theta")).add(0.5);
                    ((ArrayNode) c.get("optimizer").get("buffers").get("exp_avg")).add(0.0);
                    ((ArrayNode) c.get("optimizer").get("buffers").get("exp_avg_sq")).add(0.0);
                })));
        rows.add(bad(CHECKPOINT, "a text in theta", "is not a number", resumeRun())
                .given(ws -> ws.editJson(ws.run().resolve("checkpoint.json"), c -> ((ArrayNode) c.get("theta")).set(0,
                        HostileWorkspace.JSON.getNodeFactory().textNode("0.5")))));
        rows.add(bad(CHECKPOINT, "best_loss NaN", "'best_loss' is NaN", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> ((ObjectNode) c.get("stopping")).put("best_loss", Double.NaN))));
        rows.add(bad(CHECKPOINT, "best_epoch after the epochs done", "early-stopping memory", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> ((ObjectNode) c.get("stopping")).put("best_epoch", 5))));
        rows.add(bad(CHECKPOINT, "negative epochs_without_improvement", "'epochs_without_improvement' must be >= 0", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> ((ObjectNode) c.get("stopping")).put("epochs_without_improvement", -2))));
        rows.add(bad(CHECKPOINT, "epoch_record of another epoch", "its epoch_record is not the EpochEnded event of epoch 2",
                resumeRun())
                .given(ws -> ws.editCheckpoint(c -> c.put("epoch_record", c.get("epoch_record").asText()
                        .replace("\"epoch\":1,", "\"epoch\":0,")))));
        rows.add(bad(CHECKPOINT, "epoch_record that is not an event", "its epoch_record is not an event", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> c.put("epoch_record", "{\"event\":\"EpochEnded\",\"epoch\":"))));
        rows.add(bad(CHECKPOINT, "epoch_record that is a number", "'epoch_record' is missing or not text", resumeRun())
                .given(ws -> ws.editCheckpoint(c -> c.put("epoch_record", 7))));
        rows.add(bad(CHECKPOINT, "theta missing", "'theta' is missing", resumeRun())
                .given(ws -> ws.editJson(ws.run().resolve("checkpoint.json"), c -> c.remove("theta"))));
        rows.add(bad(CHECKPOINT, "model.json with NaN (evaluate)", "not a finite number", ws -> a("evaluate", ws.run()))
                .given(ws -> ws.editModel(ws.run().resolve("model.json"),
                        m -> HostileWorkspace.setFirst(m.get("parameters"), Double.NaN))));
        rows.add(bad(CHECKPOINT, "model.json with Infinity (generate)", "not a finite number", ws -> a("generate", ws.run()))
                .given(ws -> ws.editModel(ws.run().resolve("model.json"),
                        m -> HostileWorkspace.setFirst(m.get("parameters"), Double.NEGATIVE_INFINITY))));
        rows.add(bad(CHECKPOINT, "model.json with NaN (predict)", "not a finite number",
                ws -> a("predict", ws.csvRun(), "--data", ws.csvData()))
                .given(ws -> ws.editModel(ws.csvRun().resolve("model.json"),
                        m -> HostileWorkspace.setFirst(m.get("parameters"), Double.NaN))));
        rows.add(bad(CHECKPOINT, "the shipped network with NaN (evaluate chemotaxis)", "not a finite number",
                ws -> a("evaluate", ws.chem(), "--starts", "1"))
                .given(ws -> ws.editModel(ws.chem().resolve("model.json"),
                        m -> HostileWorkspace.setFirst(m.get("parameters"), Double.NaN))));
        rows.add(bad(CHECKPOINT, "--init-from a model with NaN: no run folder", "not a finite number",
                ws -> a("train", ws.tiny(), "--out", ws.path("out"), "--init-from", ws.run()))
                .given(ws -> ws.editModel(ws.run().resolve("model.json"),
                        m -> HostileWorkspace.setFirst(m.get("parameters"), Double.NaN))));
        rows.add(bad(CHECKPOINT, "model.json validation_loss NaN", "validation_loss is missing or NaN",
                ws -> a("evaluate", ws.run()))
                .given(ws -> ws.editJson(ws.run().resolve("model.json"), m -> m.put("validation_loss", Double.NaN))));
        rows.add(bad(CHECKPOINT, "model.json negative epoch", "'epoch' must be >= -1", ws -> a("evaluate", ws.run()))
                .given(ws -> ws.editJson(ws.run().resolve("model.json"), m -> m.put("epoch", -5))));
        rows.add(bad(CHECKPOINT, "model.json edited, hash stale", "do not match their sha256", ws -> a("evaluate", ws.run()))
                .given(ws -> ws.editJson(ws.run().resolve("model.json"),
                        m -> HostileWorkspace.setFirst(m.get("parameters"), 3.0))));
        rows.add(bad(CHECKPOINT, "model.json count edited", "model.parameters says 30", ws -> a("evaluate", ws.run()))
                .given(ws -> ws.editJson(ws.run().resolve("model.json"),
                        m -> ((ObjectNode) m.get("model")).put("parameters", 30))));
        rows.add(bad(CHECKPOINT, "model.json truncated", "damaged or truncated", ws -> a("generate", ws.run()))
                .given(ws -> {
                    Path f = ws.run().resolve("model.json");
                    String t = Files.readString(f);
                    Files.writeString(f, t.substring(0, t.length() / 2));
                }));
        rows.add(bad(CHECKPOINT, "model.json is a folder", "cannot read model file", ws -> a("evaluate", ws.run()))
                .given(ws -> ws.folderInstead(ws.run().resolve("model.json"))));
        rows.add(bad(CHECKPOINT, "model.json missing", "model file not found", ws -> a("plot", ws.run()))
                .given(ws -> ws.delete(ws.run().resolve("model.json"))));
    }

    // ------------------------------------------------------------------------------------------

    private static void outputs(List<HostileCase> rows) {
        String own = "is a file of the run folder";
        for (String f : List.of("model.json", "checkpoint.json", "config.yml", "events.jsonl", "metrics.csv",
                "report.html", RunLock.FILE)) {
            rows.add(bad(OUTPUTS, "generate --out RUN/" + f, own, ws -> a("generate", ws.run(), "--out", ws.run().resolve(f))));
        }
        rows.add(bad(OUTPUTS, "generate --out RUN/loss.csv: its plot would replace loss.png", "(its plot)",
                ws -> a("generate", ws.run(), "--out", ws.run().resolve("loss.csv"))));
        rows.add(bad(OUTPUTS, "generate --out RUN/tb", own, ws -> a("generate", ws.run(), "--out", ws.run().resolve("tb"))));
        rows.add(bad(OUTPUTS, "generate --out RUN/tb/x.csv", own,
                ws -> a("generate", ws.run(), "--out", ws.run().resolve("tb/x.csv"))));
        rows.add(bad(OUTPUTS, "generate --out RUN/../run/model.json", own,
                ws -> a("generate", ws.run(), "--out", ws.run().resolve("../run/model.json"))));
        rows.add(bad(OUTPUTS, "generate --out a folder", "is a folder", ws -> a("generate", ws.run(), "--out", ws.root)));
        rows.add(bad(OUTPUTS, "generate --out below a file", "is a file, not a folder",
                ws -> a("generate", ws.run(), "--out", ws.file("plain", "x").resolve("g.csv"))));
        rows.add(bad(OUTPUTS, "generate --out the run's CSV data", "a file this command reads",
                ws -> a("generate", ws.csvRun(), "--out", ws.csvData())));
        rows.add(bad(OUTPUTS, "predict --out its own --data", "a file this command reads",
                ws -> a("predict", ws.csvRun(), "--data", ws.csvData(), "--out", ws.csvData())));
        rows.add(bad(OUTPUTS, "predict --out RUN/model.json", own,
                ws -> a("predict", ws.csvRun(), "--data", ws.csvData(), "--out", ws.csvRun().resolve("model.json"))));
        rows.add(bad(OUTPUTS, "predict --out RUN/metrics.csv", own,
                ws -> a("predict", ws.csvRun(), "--data", ws.csvData(), "--out", ws.csvRun().resolve("metrics.csv"))));
        rows.add(bad(OUTPUTS, "evaluate --plot RUN/checkpoint.json", own,
                ws -> a("evaluate", ws.chem(), "--plot", ws.chem().resolve("checkpoint.json"))));
        rows.add(bad(OUTPUTS, "evaluate --plot RUN/model.json", own,
                ws -> a("evaluate", ws.chem(), "--plot", ws.chem().resolve("model.json"))));
        rows.add(bad(OUTPUTS, "evaluate --controller --plot into another run's config.yml", own,
                ws -> a("evaluate", "--controller", "combined", "--plot", ws.run().resolve("config.yml"))));
        rows.add(bad(OUTPUTS, "evaluate --plot a folder", "is a folder",
                ws -> a("evaluate", ws.chem(), "--plot", ws.chem())));
        rows.add(bad(OUTPUTS, "compare --markdown RUN/config.yml", own,
                ws -> a("compare", "--markdown", ws.run().resolve("config.yml"), ws.run())));
        rows.add(bad(OUTPUTS, "compare --plot RUN/loss.png", own,
                ws -> a("compare", "--plot", ws.run().resolve("loss.png"), ws.run())));
        rows.add(bad(OUTPUTS, "observe --out RUN/events.jsonl", own,
                ws -> a("observe", "--join", "127.0.0.1:1", "--out", ws.run().resolve("events.jsonl"))));
        rows.add(bad(OUTPUTS, "train --out a file", "is a file, not a folder", ws -> a("train", ws.tiny(), "--out",
                ws.file("plainfile", "x"))));
        rows.add(bad(OUTPUTS, "train --out below a file", "is a file, not a folder", ws -> a("train", ws.tiny(), "--out",
                ws.file("plainfile", "x").resolve("runs"))));
        rows.add(bad(OUTPUTS, "train --out RUN --name model.json", "already exists",
                ws -> a("train", ws.tiny(), "--out", ws.run(), "--name", "model.json")));
        rows.add(ok(OUTPUTS, "generate --out RUN/generation.csv: its own plot, generation.png, may be replaced",
                "generation MSE", ws -> a("generate", ws.run(), "--out", ws.run().resolve("generation.csv")))
                .then((ws, out) -> assertTrue(Files.isRegularFile(ws.run().resolve("generation.csv")))));
    }

    // ------------------------------------------------------------------------------------------

    private static void cluster(List<HostileCase> rows) {
        HostileCase.Args tls = ws -> a("train", ws.tiny(), "--cluster", "--port", "0", "--tls", ws.path("tls-valid"),
                "--out", ws.path("out"));
        rows.add(bad(CLUSTER, "--tls without --cluster", "--tls needs --cluster",
                ws -> a("train", ws.tiny(), "--tls", ws.tls("valid"), "--out", ws.path("out"))));
        rows.add(bad(CLUSTER, "--tls folder missing: no run folder left", "no such folder", ws -> a("train", ws.tiny(),
                "--cluster", "--tls", ws.path("nowhere"), "--out", ws.path("out"))));
        rows.add(bad(CLUSTER, "--tls is a file", "not a folder", ws -> a("train", ws.tiny(), "--cluster", "--tls",
                ws.file("tlsfile", "x"), "--out", ws.path("out"))));
        rows.add(bad(CLUSTER, "node.p12 missing", "TLS store not found", tls)
                .given(ws -> ws.delete(ws.tls("valid").resolve("node.p12"))));
        rows.add(bad(CLUSTER, "trust.p12 missing", "TLS store not found", tls)
                .given(ws -> ws.delete(ws.tls("valid").resolve("trust.p12"))));
        rows.add(bad(CLUSTER, "node.p12 is a folder", "is a folder", tls)
                .given(ws -> ws.folderInstead(ws.tls("valid").resolve("node.p12"))));
        rows.add(bad(CLUSTER, "node.p12 of random bytes", "node.p12", tls)
                .given(ws -> Files.write(ws.tls("valid").resolve("node.p12"), new byte[] {0x30, (byte) 0x82, 1, 2, 3, 4, 5})));
        rows.add(bad(CLUSTER, "node.p12 of text", "node.p12", tls)
                .given(ws -> Files.writeString(ws.tls("valid").resolve("node.p12"), "-----BEGIN CERTIFICATE-----\n")));
        rows.add(bad(CLUSTER, "node.p12 empty", "node.p12", tls)
                .given(ws -> Files.write(ws.tls("valid").resolve("node.p12"), new byte[0])));
        rows.add(bad(CLUSTER, "no password in the environment", "CHEMOTAXIS_TLS_PASSWORD", tls)
                .given(ws -> {
                    ws.tls("valid");
                    ws.tlsPassword = null;
                }));
        rows.add(bad(CLUSTER, "a wrong password", "wrong password", tls)
                .given(ws -> {
                    ws.tls("valid");
                    ws.tlsPassword = "not-the-password";
                }));
        rows.add(bad(CLUSTER, "a key store without a private key", "holds no private key", tls)
                .given(ws -> Files.copy(ws.tls("valid").resolve("trust.p12"), ws.tls("valid").resolve("node.p12"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING)));
        rows.add(bad(CLUSTER, "a trust store without a certificate", "holds no certificate", tls)
                .given(ws -> {
                    KeyStore empty = KeyStore.getInstance("PKCS12");
                    empty.load(null, null);
                    try (var out = Files.newOutputStream(ws.tls("valid").resolve("trust.p12"))) {
                        empty.store(out, HostileInputTest.TLS_PASSWORD.toCharArray());
                    }
                }));
        rows.add(bad(CLUSTER, "an expired certificate", "expired on",
                ws -> a("train", ws.tiny(), "--cluster", "--port", "0", "--tls", ws.tls("expired"), "--out", ws.path("out"))));
        rows.add(bad(CLUSTER, "valid stores pass, so the bad config is what is reported", "model.hidden must be",
                ws -> a("train", ws.tiny(), "--cluster", "--port", "0", "--tls", ws.tls("valid"), "--out", ws.path("out"),
                        "--set", "model.hidden=0")));
        rows.add(bad(CLUSTER, "--tls of a resume: the run folder untouched", "wrong password",
                ws -> a("train", "--resume", ws.run(), "--cluster", "--port", "0", "--tls", ws.tls("valid")))
                .given(ws -> ws.tlsPassword = "nope-nope"));
        rows.add(bad(CLUSTER, "worker --tls with a wrong password", "wrong password",
                ws -> a("worker", "--join", "127.0.0.1:1", "--tls", ws.tls("valid")))
                .given(ws -> ws.tlsPassword = "nope-nope"));
        rows.add(bad(CLUSTER, "observe --tls missing stores", "TLS store not found",
                ws -> a("observe", "--join", "127.0.0.1:1", "--tls", ws.root)));
        rows.add(bad(CLUSTER, "worker --join without a port", "--join must be HOST:PORT",
                ws -> a("worker", "--join", "localhost", "--workers", "1")));
        rows.add(bad(CLUSTER, "worker --join port 99999", "--join port must be in 1..65535",
                ws -> a("worker", "--join", "127.0.0.1:99999", "--workers", "1")));
        rows.add(bad(CLUSTER, "train --cluster --port 70000", "--port must be in 0..65535",
                trainTiny("--cluster", "--port", "70000")));
    }

    // ------------------------------------------------------------------------------------------

    private static void yaml(List<HostileCase> rows) {
        rows.add(bad(YAML, "an alias (was read as the anchor's name)", "YAML alias *h", train("y.yml"))
                .given(ws -> ws.file("y.yml", "model: {hidden: &h 8}\ngeneration: {warmup: *h}\n")));
        rows.add(bad(YAML, "a merge key", "YAML alias *base", train("y.yml"))
                .given(ws -> ws.file("y.yml", "base: &base {hidden: 4}\nmodel:\n  <<: *base\n")));
        rows.add(bad(YAML, "billion laughs", "YAML alias", train("y.yml"))
                .given(ws -> {
                    StringBuilder b = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\"]\n");
                    for (char c = 'b'; c <= 'j'; c++) {
                        char p = (char) (c - 1);
                        b.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                                .append(p).append("]\n");
                    }
                    ws.file("y.yml", b.toString());
                }));
        rows.add(bad(YAML, "an alias in --set", "YAML alias *a", trainTiny("--set", "data.frequency=[&a 1, *a]")));
        rows.add(bad(YAML, "3000 levels of flow mappings", "nested more than 32 levels", train("y.yml"))
                .given(ws -> ws.file("y.yml", "model: " + "{a: ".repeat(3000) + "1" + "}".repeat(3000) + "\n")));
        rows.add(bad(YAML, "3000 levels of flow lists", "nested more than 32 levels", train("y.yml"))
                .given(ws -> ws.file("y.yml", "model: " + "[".repeat(3000) + "]".repeat(3000) + "\n")));
        rows.add(bad(YAML, "40 levels of block mappings", "nested more than 32 levels", train("y.yml"))
                .given(ws -> {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < 40; i++) {
                        b.append("  ".repeat(i)).append("k").append(i).append(":\n");
                    }
                    ws.file("y.yml", b.append("  ".repeat(40)).append("v: 1\n").toString());
                }));
        rows.add(bad(YAML, "deep nesting in --set", "nested more than 32 levels",
                trainTiny("--set", "data.frequency=" + "[".repeat(100) + "]".repeat(100))));
        rows.add(bad(YAML, "a 10 MB comment", "a config may have at most 262144", train("y.yml"))
                .given(ws -> ws.file("y.yml", "name: x\n#" + "c".repeat(10_000_000) + "\n")));
        rows.add(bad(YAML, "a 300 kB value", "a config may have at most 262144", train("y.yml"))
                .given(ws -> ws.file("y.yml", "name: " + "x".repeat(300_000) + "\n")));
        rows.add(bad(YAML, "a 300 kB --set", "at most 262144", trainTiny("--set", "name=" + "x".repeat(300_000))));
        rows.add(bad(YAML, "two documents", "more than one YAML document", train("y.yml"))
                .given(ws -> ws.file("y.yml", "name: a\n---\nname: b\n")));
        rows.add(bad(YAML, "a duplicate key", "duplicate key 'model.hidden'", train("y.yml"))
                .given(ws -> ws.file("y.yml", "model:\n  hidden: 4\n  hidden: 5\n")));
        rows.add(bad(YAML, "a number of 2000 digits", "seed", train("y.yml"))
                .given(ws -> ws.file("y.yml", "seed: " + "9".repeat(2000) + "\n")));
        rows.add(bad(YAML, ".nan", "must be a finite number", train("y.yml"))
                .given(ws -> ws.file("y.yml", "optimizer: {lr: .nan}\n")));
        rows.add(bad(YAML, ".inf", "must be a finite number", train("y.yml"))
                .given(ws -> ws.file("y.yml", "optimizer: {lr: .inf}\n")));
        rows.add(bad(YAML, "a tab for indentation", "YAML syntax error", train("y.yml"))
                .given(ws -> ws.file("y.yml", "model:\n\thidden: 4\n")));
        rows.add(bad(YAML, "a NUL byte", "y.yml", train("y.yml"))
                .given(ws -> ws.bytes("y.yml", new byte[] {'n', 'a', 'm', 'e', ':', ' ', 0, '\n'})));
        rows.add(bad(YAML, "invalid UTF-8", "not UTF-8", train("y.yml"))
                .given(ws -> ws.bytes("y.yml", new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xc3, '\n'})));
        rows.add(bad(YAML, "random bytes", "y.yml", train("y.yml"))
                .given(ws -> {
                    byte[] b = new byte[4096];
                    new java.util.Random(7).nextBytes(b);
                    ws.bytes("y.yml", b);
                }));
        rows.add(bad(YAML, "a list instead of a mapping", "a config must be a mapping", train("y.yml"))
                .given(ws -> ws.file("y.yml", "- a\n- b\n")));
        rows.add(bad(YAML, "a custom tag", "y.yml", train("y.yml"))
                .given(ws -> ws.file("y.yml", "model: !!java.lang.Runtime {hidden: 4}\nname: !evil x\nseed: !!str abc\n")));
        rows.add(bad(YAML, "a key of 10000 characters", "a config must be a mapping", train("y.yml"))
                .given(ws -> ws.file("y.yml", "k" + "x".repeat(10_000) + ": 1\n")));
        rows.add(bad(YAML, "the config is a folder", "is a directory", ws -> a("train", ws.root, "--out", ws.path("out"))));
        rows.add(bad(YAML, "the config does not exist", "config file not found",
                ws -> a("train", ws.path("nope.yml"), "--out", ws.path("out"))));
    }

    // ------------------------------------------------------------------------------------------

    private static void commandLine(List<HostileCase> rows) {
        String help = "--help";
        rows.add(bad(CLI, "an unknown option", "Unknown option", trainTiny("--wrokers", "2")));
        rows.add(bad(CLI, "an unknown option has one line with the help pointer", help, trainTiny("--bogus")));
        rows.add(bad(CLI, "a missing option value", "Missing required parameter", ws -> a("train", ws.tiny(), "--workers")));
        rows.add(bad(CLI, "a non-number for --workers", "is not an int", trainTiny("--workers", "many")));
        rows.add(bad(CLI, "an unknown command", "Unmatched argument", ws -> a("trian")));
        rows.add(bad(CLI, "no command", "a command is required", ws -> a()));
        rows.add(bad(CLI, "predict without --data", "Missing required option", ws -> a("predict", ws.csvRun())));
        rows.add(bad(CLI, "generate without RUN_DIR", "Missing required parameter", ws -> a("generate")));
        rows.add(bad(CLI, "two configs", "Unmatched argument", ws -> a("train", ws.tiny(), ws.tiny())));
        rows.add(bad(CLI, "evaluate without RUN_DIR or --controller", "evaluate needs RUN_DIR", ws -> a("evaluate")));
        rows.add(bad(CLI, "evaluate --duration 0 names --duration", "--duration must be a finite number > 0",
                ws -> a("evaluate", ws.chem(), "--duration", "0")));
        rows.add(bad(CLI, "evaluate --duration NaN", "--duration must be a finite number > 0",
                ws -> a("evaluate", "--controller", "none", "--duration", "NaN")));
        rows.add(bad(CLI, "evaluate --dt longer than the episode", "--dt must not exceed",
                ws -> a("evaluate", ws.chem(), "--dt", "1000")));
        rows.add(bad(CLI, "evaluate --dt -1", "--dt must be a finite number > 0", ws -> a("evaluate", ws.chem(), "--dt", "-1")));
        rows.add(bad(CLI, "evaluate --sensor-noise -1", "--sensor-noise", ws -> a("evaluate", ws.chem(), "--sensor-noise", "-1")));
        rows.add(bad(CLI, "evaluate --controller of a sine run", "--controller applies to chemotaxis runs only",
                ws -> a("evaluate", ws.run(), "--controller", "combined")));
        rows.add(bad(CLI, "evaluate --starts of a sine run", "--starts applies to chemotaxis runs only",
                ws -> a("evaluate", ws.run(), "--starts", "5")));
        rows.add(bad(CLI, "evaluate an unknown controller", "bogus", ws -> a("evaluate", "--controller", "bogus")));
        rows.add(bad(CLI, "generate a chemotaxis run", "needs a sequence experiment", ws -> a("generate", ws.chem())));
        rows.add(bad(CLI, "--set without '='", "--set expects key=value", trainTiny("--set", "model.hidden")));
        rows.add(bad(CLI, "--set of an unknown key", "unknown key 'model.hiden'", trainTiny("--set", "model.hiden=3")));
        rows.add(bad(CLI, "--set of a section's value", "is a value, not a section", trainTiny("--set", "seed.x=1")));
        rows.add(bad(CLI, "--dashboard 70000", "--dashboard port must be in 0..65535", trainTiny("--dashboard", "70000")));
        rows.add(bad(CLI, "--port -1", "--port must be in 0..65535", trainTiny("--port", "-1")));
        rows.add(bad(CLI, "--init-from a folder that is not a run", "not a run folder",
                ws -> a("train", ws.tiny(), "--out", ws.path("out"), "--init-from", ws.root)));
        rows.add(bad(CLI, "--init-from a run of another size", "holds a elman with 29 parameters",
                ws -> a("train", ws.tiny(), "--out", ws.path("out"), "--init-from", ws.run(), "--set", "model.hidden=5")));
        rows.add(bad(CLI, "plot of a folder that is a file", "is a file", ws -> a("plot", ws.file("f", "x"))));
        rows.add(bad(CLI, "predict --data missing", "not found",
                ws -> a("predict", ws.csvRun(), "--data", ws.path("missing.csv"))));
        rows.add(bad(CLI, "predict --data without the input column", "x",
                ws -> a("predict", ws.csvRun(), "--data", ws.file("other.csv", "t,y\n1,2\n2,3\n"))));
        rows.add(bad(CLI, "a CSV run whose data file is gone", "not found", ws -> a("evaluate", ws.csvRun()))
                .given(ws -> ws.delete(ws.csvData())));
    }

    // ------------------------------------------------------------------------------------------

    /** The disk is back to normal (the full one a row put in place stays until its workspace closes). */
    private static void spaceFreed() throws Exception {
        Disk.simulate(Disk.REAL).close();
    }

    /** A fresh two-epoch run of tiny.yml on a disk that fills up at one write. */
    private static HostileCase.Args trainFull() {
        return trainTiny("--name", "full", "--workers", "1");
    }

    /** Once there is space again, train --resume ends where the fixture run (the same config, never failed) ended. */
    private static final HostileCase.Check RESUMES_TO_THE_SAME_HASH = (ws, out) -> {
        assertTrue(out.contains("; free space (or fix the folder), then continue with: bin/chemotaxis train --resume "
                + ws.path("out/full")), "says what to do: " + out);
        spaceFreed();
        Path run = ws.path("out/full");
        assertEquals(List.of(), EventHistory.read(run.resolve("events.jsonl")).warnings(), "no cut line");
        assertEquals(ExitCode.OK, Main.execute("train", "--resume", run.toString(), "--workers", "1"));
        assertEquals(RunFiles.finishedSha(ws.run()),
                RunFiles.events(run, "RunFinished").get(RunFiles.events(run, "RunFinished").size() - 1)
                        .path("params_sha256").asText());
        assertEquals(List.of(0L, 1L), RunFiles.events(run, "EpochEnded").stream().map(e -> e.path("epoch").asLong())
                .toList(), "each epoch once");
        assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size(), "header and a row per epoch");
    };

    private static void disk(List<HostileCase> rows) {
        String full = FillingDisk.NO_SPACE;
        rows.add(failed(DISK, "the checkpoint after epoch 2", "checkpoint.json: " + full, trainFull())
                .given(ws -> ws.onClose(Disk.simulate(FillingDisk.at("checkpoint.json",
                        t -> t.contains("\"epochs_done\":2,"), 1))))
                .then(RESUMES_TO_THE_SAME_HASH));
        rows.add(failed(DISK, "events.jsonl at epoch 2's EpochEnded", full, trainFull())
                .given(ws -> ws.onClose(Disk.simulate(FillingDisk.at("events.jsonl", FillingDisk.event("EpochEnded", 1), 1))))
                .then(RESUMES_TO_THE_SAME_HASH));
        rows.add(failed(DISK, "metrics.csv at epoch 1's row", full, trainFull())
                .given(ws -> ws.onClose(Disk.simulate(FillingDisk.at("metrics.csv", t -> t.startsWith("0,"), 1))))
                .then(RESUMES_TO_THE_SAME_HASH));
        rows.add(failed(DISK, "tb/ at epoch 2's scalars", full, trainFull())
                .given(ws -> ws.onClose(Disk.simulate(FillingDisk.at("tb", FillingDisk.any(), 3))))
                .then(RESUMES_TO_THE_SAME_HASH));
        rows.add(failed(DISK, "model.json at its first write", full, trainFull())
                .given(ws -> ws.onClose(Disk.simulate(FillingDisk.at("model.json", FillingDisk.any(), 1))))
                .then(RESUMES_TO_THE_SAME_HASH));
        rows.add(failed(DISK, "report.html at the end", "report.html: " + full, trainFull())
                .given(ws -> ws.onClose(Disk.simulate(FillingDisk.at("report.html", FillingDisk.any(), 1))))
                .then(RESUMES_TO_THE_SAME_HASH));
        rows.add(failed(DISK, "config.yml of a fresh run: no folder is left", "start the run again", trainFull())
                .given(ws -> ws.onClose(Disk.simulate(FillingDisk.at("config.yml", FillingDisk.any(), 1))))
                .then((ws, out) -> assertFalse(Files.exists(ws.path("out/full")), "no folder without a checkpoint")));
        rows.add(failed(DISK, "a resume on a disk still full changes nothing", "metrics.csv: " + full,
                ws -> a("train", "--resume", ws.path("out/full"), "--workers", "1"))
                .unchanged()
                .given(ws -> {
                    try (AutoCloseable d = Disk.simulate(FillingDisk.at("events.jsonl", FillingDisk.event("EpochEnded", 1), 1))) {
                        assertEquals(ExitCode.FAILED, Main.execute("train", ws.tiny().toString(), "--out",
                                ws.path("out").toString(), "--name", "full", "--workers", "1"));
                    }
                    ws.onClose(Disk.simulate(FillingDisk.at("metrics.csv", FillingDisk.any(), 1)));
                })
                .then(RESUMES_TO_THE_SAME_HASH));
    }
}
