package org.chemotaxis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users' own problems through the public API, end to end in this JVM: the test problems "reach"
 * (closed loop) and "echo" (objective) are published on the test class path like any plugin.
 */
class ProblemPluginTest {

    @TempDir
    Path tmp;

    static final String REACH = """
            name: reach
            seed: 3
            model:
              type: elman
              hidden: 4
            problem:
              type: reach
              params:
                steps: 20
              validation_episodes: 40
            estimator:
              type: gaussian
              sigma: 0.1
              directions: 8
            optimizer:
              type: adam
              lr: 0.05
            training:
              epochs: %d
              batch: 8
              steps_per_epoch: 5
            """;

    private Path config(String name, String yaml) throws Exception {
        Path f = tmp.resolve(name + ".yml");
        Files.writeString(f, yaml);
        return f;
    }

    /** Runs a command; returns its exit code and what it wrote to stderr. */
    private static Object[] run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Object[] {code, buf.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(err);
        }
    }

    private Path train(Path config, String name, int expectedExit, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", config.toString(), "--out", tmp.resolve("runs").toString(),
                "--name", name));
        args.addAll(Arrays.asList(extra));
        Object[] r = run(args.toArray(String[]::new));
        assertEquals(expectedExit, r[0], "train " + args + ": " + r[1]);
        return tmp.resolve("runs").resolve(name);
    }

    @Test
    void aClosedLoopProblemLearnsAndGivesTheSameBitsOnOneAndTwoWorkers() throws Exception {
        Path c = config("reach", REACH.formatted(6));
        Path one = train(c, "one", 0, "--workers", "1");
        Path two = train(c, "two", 0, "--workers", "2", "--set", "runtime.task_size=3");
        assertEquals(RunFiles.finishedSha(one), RunFiles.finishedSha(two));
        List<JsonNode> epochs = RunFiles.events(one, "EpochEnded");
        assertEquals("return", epochs.get(0).path("metric_name").asText());
        double best = epochs.stream().mapToDouble(e -> e.path("metric").asDouble()).max().orElseThrow();
        // Doing nothing keeps |x| at its start, mean 0.5: a return of about -20 * 0.5 = -10.
        assertTrue(best > -6, "the trained network should steer to 0, but its best return was " + best);

        // evaluate: the trained network on fresh episodes, one JSON line; the same twice.
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        Object[] r;
        try {
            r = run("evaluate", one.toString(), "--starts", "60", "--seed", "11");
            run("evaluate", one.toString(), "--starts", "60", "--seed", "11");
        } finally {
            System.setOut(out);
        }
        assertEquals(ExitCode.OK, r[0], (String) r[1]);
        String[] lines = buf.toString(StandardCharsets.UTF_8).strip().split("\\R");
        assertEquals(2, lines.length, buf.toString(StandardCharsets.UTF_8));
        assertEquals(lines[0], lines[1]);
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines[0]);
        assertEquals("reach", json.path("problem").asText());
        assertEquals(60, json.path("items").asInt());
        assertEquals("return", json.path("metric_name").asText());
        assertEquals(-json.path("loss").asDouble(), json.path("metric").asDouble(), 0.0);
        assertTrue(json.path("metric").asDouble() > -6, "fresh episodes: " + lines[0]);
        r = run("evaluate", one.toString(), "--field", "gauss");
        assertEquals(ExitCode.BAD_INPUT, r[0]);
        assertTrue(((String) r[1]).contains("--field applies to chemotaxis runs only"), (String) r[1]);
    }

    @Test
    void nodePerturbationTrainsAPluginProblemSinceTheProjectRunsTheNetwork() throws Exception {
        String yaml = REACH.formatted(6).replace("type: gaussian", "type: node");
        Path c = config("node", yaml);
        Path one = train(c, "n1", 0, "--workers", "1");
        Path two = train(c, "n2", 0, "--workers", "2", "--set", "runtime.task_size=3");
        assertEquals(RunFiles.finishedSha(one), RunFiles.finishedSha(two));
        List<JsonNode> epochs = RunFiles.events(one, "EpochEnded");
        double first = epochs.get(0).path("metric").asDouble();
        double best = epochs.stream().mapToDouble(e -> e.path("metric").asDouble()).max().orElseThrow();
        assertTrue(best > first, "node perturbation should improve the return, but it went from " + first
                + " to at best " + best);
    }

    @Test
    void anObjectiveProblemTrainsToo() throws Exception {
        String yaml = REACH.formatted(3).replace("type: reach", "type: echo").replace("steps: 20", "length: 10");
        Path c = config("echo", yaml);
        Path one = train(c, "e1", 0, "--workers", "1");
        Path two = train(c, "e2", 0, "--workers", "2");
        assertEquals(RunFiles.finishedSha(one), RunFiles.finishedSha(two));
        assertEquals("mse", RunFiles.events(one, "EpochEnded").get(0).path("metric_name").asText());
    }

    @Test
    void anUnknownProblemNamesItselfAndWhereProblemsWereLookedFor() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path c = config("x", REACH.formatted(1).replace("type: reach", "type: thermotaxis"));
        Object[] r = run("train", c.toString(), "--out", tmp.resolve("runs").toString(), "--plugins", plugins.toString());
        assertEquals(ExitCode.BAD_INPUT, r[0]);
        String err = (String) r[1];
        assertTrue(err.contains("no problem named 'thermotaxis'") && err.contains(plugins.toString())
                && err.contains("class path") && err.contains("line 7"), err);
        assertFalse(Files.exists(tmp.resolve("runs")), "nothing written");
    }

    @Test
    void badParametersAreNamedWithTheirLine() throws Exception {
        Object[] r = run("train", config("g", REACH.formatted(1).replace("steps: 20", "steps: 20\n    gain: -1"))
                .toString(), "--out", tmp.resolve("runs").toString());
        assertEquals(ExitCode.BAD_INPUT, r[0]);
        assertTrue(((String) r[1]).contains("problem.params.gain: must be > 0, but was -1.0 (line 10"), (String) r[1]);
        r = run("train", config("u", REACH.formatted(1).replace("steps: 20", "stepz: 20")).toString(),
                "--out", tmp.resolve("runs").toString());
        assertEquals(ExitCode.BAD_INPUT, r[0]);
        assertTrue(((String) r[1]).contains("problem.params.stepz: unknown parameter 'stepz'; accepted: steps, gain"),
                (String) r[1]);
        r = run("train", config("t", REACH.formatted(1).replace("steps: 20", "steps: many")).toString(),
                "--out", tmp.resolve("runs").toString());
        assertEquals(ExitCode.BAD_INPUT, r[0]);
        assertTrue(((String) r[1]).contains("problem.params.steps: must be a whole number, but was 'many'"),
                (String) r[1]);
        r = run("train", config("n", REACH.formatted(1)).toString(), "--out", tmp.resolve("runs").toString(),
                "--set", "estimator.type=bptt");
        assertEquals(ExitCode.BAD_INPUT, r[0]);
        assertTrue(((String) r[1]).contains("estimator.type bptt needs an exact gradient"), (String) r[1]);
        assertFalse(Files.exists(tmp.resolve("runs")), "nothing written");
    }

    @Test
    void aProblemThatThrowsFailsTheRunNamingItselfAndItsMessage() throws Exception {
        for (String where : List.of("reset", "step")) {
            Path run = train(config("f" + where, REACH.formatted(2).replace("steps: 20", "steps: 20\n    fail_in: " + where)),
                    "fail-" + where, ExitCode.FAILED, "--workers", "2");
            List<JsonNode> failed = RunFiles.events(run, "Failed");
            assertEquals(1, failed.size());
            String reason = failed.get(0).path("reason").asText();
            assertTrue(reason.contains("problem 'reach' failed in " + where), reason);
            assertTrue(reason.contains(where.equals("reset") ? "the point fell off the line" : "the point is stuck"), reason);
        }
    }

    @Test
    void aProblemThatPaysNaNFailsNamingEpochAndStep() throws Exception {
        Path run = train(config("n", REACH.formatted(2).replace("steps: 20", "steps: 20\n    nan_after: 3")), "nan",
                ExitCode.FAILED, "--workers", "1");
        String reason = RunFiles.events(run, "Failed").get(0).path("reason").asText();
        assertTrue(reason.contains("epoch") && reason.contains("step") && reason.contains("NaN"), reason);
    }

    @Test
    void aCorruptJarInThePluginFolderIsOneClearLine() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(plugins.resolve("thermotaxis.jar"), "not a zip at all");
        Object[] r = run("problems", "--plugins", plugins.toString());
        assertEquals(ExitCode.BAD_INPUT, r[0]);
        String err = ((String) r[1]).strip();
        assertTrue(err.contains("plugin jar " + plugins.resolve("thermotaxis.jar") + " is not a readable jar"), err);
        assertEquals(1, err.lines().count(), "one line, no stack trace: " + err);
    }

    @Test
    void problemsListsTheInstalledProblemsAndTheirParameters() {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(ExitCode.OK, Main.execute("problems"));
        } finally {
            System.setOut(out);
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("reach  move a point on a line to 0") && s.contains("problem.params.gain = 0.2")
                && s.contains("echo  repeat the previous input"), s);
    }
}
