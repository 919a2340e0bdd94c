package org.chemotaxis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.experiment.ChemotaxisExperiment;
import org.chemotaxis.runtime.EventLog;
import org.chemotaxis.worm.Baselines;
import org.chemotaxis.worm.ChemotaxisEvaluation;
import org.chemotaxis.worm.FieldSpec;
import org.chemotaxis.worm.Start;
import org.chemotaxis.worm.WorldConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} in its chemotaxis modes, and a chemotaxis run end to end through {@code train}. */
class EvaluateChemotaxisTest {

    /** Exit code, stdout and stderr of one command line run in this JVM. */
    record Outcome(int code, String out, String err) {
        JsonNode json() throws Exception {
            String[] lines = out.strip().split("\n");
            assertEquals(1, lines.length, "one JSON line, but got: " + out);
            return EventLog.JSON.readTree(lines[0]);
        }
    }

    static Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void aBaselineIsScoredInTheReferenceWorldChangedByTheOptions() throws Exception {
        Outcome o = run("evaluate", "--controller", "combined", "--field", "cone:slope=-0.1", "--starts", "12",
                "--duration", "40", "--start-distance", "1", "--sensor-noise", "0.02");
        assertEquals(0, o.code(), o.err());
        JsonNode j = o.json();
        // The same episodes scored directly: the default evaluation seed is that of a default run.
        long seed = ChemotaxisExperiment.evaluationSeed(ExperimentConfig.defaults());
        WorldConfig w = WorldConfig.defaults().withDuration(40).withStart(Start.ring(1)).withSensorNoise(0.02);
        ChemotaxisEvaluation.Result r = ChemotaxisEvaluation.evaluate(FieldSpec.parse("cone:slope=-0.1"), w,
                Baselines.create("combined"), seed, 12);
        assertEquals("combined", j.get("controller").asText());
        assertEquals("cone:slope=-0.1,c0=1.0", j.get("field").asText());
        assertEquals(seed, j.get("seed").asLong());
        assertEquals(12, j.get("starts").asInt());
        assertEquals(0.01, j.get("dt").asDouble());
        assertEquals(r.fitness(), j.get("F").asDouble());
        assertEquals(r.fitnessStdErr(), j.get("F_se").asDouble());
        assertEquals(r.reachFraction(), j.get("reach_fraction").asDouble());
        assertEquals(Double.isNaN(r.medianReachSeconds()), j.get("median_reach_s").isNull());
        assertFalse(j.has("CI"), "no CI on a one-peak field");
    }

    @Test
    void aTwoSpotFieldReportsTheChemotaxisIndexFromTheMidpoint() throws Exception {
        Outcome o = run("evaluate", "--controller", "weathervane", "--field", "spots:-2,0,1,1/2,0,0.5,1",
                "--starts", "10", "--duration", "60", "--arena", "disk:radius=4");
        assertEquals(0, o.code(), o.err());
        JsonNode j = o.json();
        assertEquals("0.0,0.0", j.get("start").asText());
        assertEquals("disk:radius=4.0", j.get("arena").asText());
        assertTrue(j.has("CI"));
        int a = j.get("at_attractant").asInt();
        int c = j.get("at_control").asInt();
        if (a + c > 0) {
            assertEquals((double) (a - c) / (a + c), j.get("CI").asDouble(), 1e-12);
        } else {
            assertTrue(j.get("CI").isNull());
        }
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        String[][] cases = {
            {"evaluate", "--controller", "combined", "--field", "gauss:lambda=-1"},
            {"evaluate", "--controller", "combined", "--field", "blob"},
            {"evaluate", "--controller", "combined", "--arena", "box"},
            {"evaluate", "--controller", "klino"},
            {"evaluate", "--controller", "combined", "--starts", "0"},
            {"evaluate", "--controller", "combined", "--duration", "-5"},
            {"evaluate", "--controller", "combined", "--sensor-noise", "-0.1"},
            {"evaluate", "--controller", "combined", "--arena", "disk:radius=2"},
            {"evaluate"},
        };
        String[] expected = {
            "error: bad field spec 'gauss:lambda=-1': lambda must be > 0, but was -1.0",
            "error: bad field spec 'blob': unknown field kind 'blob', expected gauss, cone or spots",
            "error: bad arena spec 'box': unknown arena kind 'box', expected open or disk",
            "error: unknown controller 'klino'; accepted: none, pirouette, weathervane, combined",
            "error: --starts must be in 1..100000, but was 0",
            "error: --duration must be a finite number > 0, but was -5.0",
            "error: --sensor-noise must be a finite number >= 0, but was -0.1",
            "error: arena radius must hold every start, i.e. be >= 4.5, but was 2.0 (world.arena.radius)",
            "error: evaluate needs RUN_DIR or --controller NAME",
        };
        for (int i = 0; i < cases.length; i++) {
            Outcome o = run(cases[i]);
            assertEquals(ExitCode.BAD_INPUT, o.code(), String.join(" ", cases[i]));
            assertEquals(expected[i], o.err().strip(), String.join(" ", cases[i]));
            assertEquals("", o.out());
        }
    }

    @Test
    void aChemotaxisRunTrainsPlotsAndEvaluates(@TempDir Path dir) throws Exception {
        Path yml = dir.resolve("tiny.yml");
        Files.writeString(yml, """
                name: chemo-tiny
                seed: 2
                model: {type: ctrnn, hidden: 3}
                data: {type: chemotaxis}
                world: {field: gauss, dt: 0.1, duration: 20}
                chemotaxis: {validation_episodes: 6, plot_worms: 4}
                estimator: {type: gaussian, sigma: 0.1, directions: 4}
                training: {epochs: 2, batch: 4, steps_per_epoch: 2}
                runtime: {workers: 2}
                """);
        Outcome t = run("train", yml.toString(), "--out", dir.toString(), "--name", "run");
        assertEquals(0, t.code(), t.err());
        Path runDir = dir.resolve("run");
        for (String f : new String[] {"config.yml", "model.json", "metrics.csv", "loss.png", "metric.png",
            "trajectories-network.png", "trajectories-none.png", "trajectories-pirouette.png",
            "trajectories-weathervane.png", "trajectories-combined.png"}) {
            assertTrue(Files.size(runDir.resolve(f)) > 0, f);
        }
        assertTrue(Files.readAllLines(runDir.resolve("metrics.csv")).get(1).split(",").length > 3);
        assertTrue(Files.readString(runDir.resolve("events.jsonl")).contains("\"metricName\":\"F\"")
                || Files.readString(runDir.resolve("events.jsonl")).contains("\"F\""));

        Outcome e = run("evaluate", runDir.toString(), "--starts", "6", "--duration", "30", "--seed", "11",
                "--plot", dir.resolve("paths.png").toString());
        assertEquals(0, e.code(), e.err());
        JsonNode j = e.json();
        assertEquals("network", j.get("controller").asText());
        assertEquals(11, j.get("seed").asLong());
        assertTrue(j.get("F").asDouble() >= 0 && j.get("F").asDouble() <= 1);
        assertTrue(j.has("params_sha256"));
        assertTrue(Files.size(dir.resolve("paths.png")) > 0);

        // A baseline beside a run meets the run's starts (seed 2's evaluation seed, not a default run's).
        Outcome both = run("evaluate", runDir.toString(), "--controller", "combined", "--starts", "3", "--duration", "10");
        assertEquals(0, both.code(), both.err());
        Outcome network = run("evaluate", runDir.toString(), "--starts", "3", "--duration", "10");
        Outcome alone = run("evaluate", "--controller", "combined", "--starts", "3", "--duration", "10");
        assertEquals("combined", both.json().get("controller").asText());
        assertFalse(both.json().has("params_sha256"));
        assertEquals(network.json().get("seed").asLong(), both.json().get("seed").asLong());
        assertNotEquals(alone.json().get("seed").asLong(), both.json().get("seed").asLong());
        double direct = ChemotaxisEvaluation.evaluate(FieldSpec.parse("gauss"), WorldConfig.defaults().withDuration(10),
                Baselines.create("combined"), network.json().get("seed").asLong(), 3).fitness();
        assertEquals(direct, both.json().get("F").asDouble(), 0.0);
    }
}
