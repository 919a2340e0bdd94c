package org.chemotaxis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the commands leave beside a run: file modes, generation per named channel, refusals. */
class RunOutputsTest {

    @TempDir
    Path tmp;

    /** A damped two-channel oscillation (x, v) and an input column u, 240 rows. */
    private Path oscillatorCsv() throws IOException {
        StringBuilder csv = new StringBuilder("t,u,x,v\n");
        for (int r = 0; r < 240; r++) {
            double t = 0.1 * r;
            double x = Math.exp(-0.05 * t) * Math.cos(1.3 * t);
            double v = Math.exp(-0.05 * t) * Math.sin(1.3 * t);
            csv.append(String.format(Locale.ROOT, "%.1f,%.6f,%.6f,%.6f%n", t, Math.sin(0.7 * t), x, v));
        }
        Path f = tmp.resolve("osc.csv");
        Files.writeString(f, csv);
        return f;
    }

    private Path csvConfig(String inputs, String targets, int shift) throws IOException {
        Path f = tmp.resolve("osc-" + inputs.replaceAll("\\W", "") + "-" + targets.replaceAll("\\W", "") + ".yml");
        Files.writeString(f, """
                name: osc
                seed: 1
                model: {type: elman, hidden: 3}
                data: {type: csv, path: %s, input_columns: %s, target_columns: %s, window: 30, stride: 10, target_shift: %d}
                objective: {washout: 2}
                estimator: {type: central, sigma: 1.0e-4}
                training: {epochs: 1, batch: 4}
                generation: {warmup: 5, steps: 300}
                """.formatted(oscillatorCsv(), inputs, targets, shift));
        return f;
    }

    private Path train(Path config, String name) {
        EvaluateChemotaxisTest.Outcome o = EvaluateChemotaxisTest.run("train", config.toString(), "--out",
                tmp.resolve("runs").toString(), "--name", name, "--workers", "1");
        assertEquals(ExitCode.OK, o.code(), o.err());
        return tmp.resolve("runs").resolve(name);
    }

    @Test
    void everyFileOfARunHasOneModeWhateverCommandWroteIt() throws Exception {
        Path run = train(RunFiles.writeSmallConfig(tmp, 1, "central"), "modes");
        assertEquals(0, EvaluateChemotaxisTest.run("plot", run.toString()).code());
        assertEquals(0, EvaluateChemotaxisTest.run("generate", run.toString(), "--out",
                run.resolve("gen.csv").toString()).code());
        EvaluateChemotaxisTest.Outcome e = EvaluateChemotaxisTest.run("evaluate", "--controller", "none", "--starts",
                "2", "--duration", "5", "--plot", run.resolve("paths.png").toString());
        assertEquals(0, e.code(), e.err());
        if (!run.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(run)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().anyMatch(p -> p.endsWith("paths.png")) && files.size() >= 9, "files " + files);
        for (Path f : files) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        }
    }

    @Test
    void generationWritesEveryChannelUnderItsColumnNameAndSaysWhenStepsAreCapped() throws Exception {
        Path run = train(csvConfig("[x, v]", "[x, v]", 1), "twochannels");
        Path out = tmp.resolve("gen.csv");
        EvaluateChemotaxisTest.Outcome o = EvaluateChemotaxisTest.run("generate", run.toString(), "--warmup", "5",
                "--steps", "300", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("time,x_target,x_generated,v_target,v_generated", lines.get(0));
        // The window has 30 rows: 26 steps after a warm-up of 5.
        assertEquals(1 + 26, lines.size());
        assertTrue(o.err().contains("--steps 300 capped at 26"), o.err());
        assertTrue(Files.size(tmp.resolve("gen.png")) > 0);
    }

    @Test
    void generationRefusesInputToOutputDataAndEvaluateLeavesItsNumberOut() throws Exception {
        Path run = train(csvConfig("[u]", "[x]", 0), "inout");
        assertFalse(Files.exists(run.resolve("generation.png")), "no generation plot for input-to-output data");
        EvaluateChemotaxisTest.Outcome g = EvaluateChemotaxisTest.run("generate", run.toString(), "--out",
                tmp.resolve("g.csv").toString());
        assertEquals(ExitCode.BAD_INPUT, g.code());
        assertTrue(g.err().contains("the target columns must be the input columns") && g.err().contains("predict"),
                g.err());
        assertFalse(Files.exists(tmp.resolve("g.csv")), "nothing written");
        EvaluateChemotaxisTest.Outcome e = EvaluateChemotaxisTest.run("evaluate", run.toString());
        assertEquals(0, e.code(), e.err());
        assertFalse(e.json().has("generation_mse"), e.out());
        assertTrue(e.json().has("mse"), e.out());
    }

    @Test
    void predictWritesOneRowPerInputRowAndEveryTargetBesideItsPrediction() throws Exception {
        Path run = train(csvConfig("[u]", "[x, v]", 0), "predict");
        Path out = tmp.resolve("pred.csv");
        EvaluateChemotaxisTest.Outcome o = EvaluateChemotaxisTest.run("predict", run.toString(), "--data",
                oscillatorCsv().toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("row,x_predicted,x,v_predicted,v", lines.get(0));
        assertEquals(1 + 240, lines.size(), "one row per data row (target_shift 0)");
        assertTrue(Files.size(tmp.resolve("pred.png")) > 0);
        // The targets beside the predictions are the file's own columns, row for row.
        String[] row7 = lines.get(1 + 7).split(",");
        double t = 0.7;
        assertEquals(Math.exp(-0.05 * t) * Math.cos(1.3 * t), Double.parseDouble(row7[2]), 1e-6);
        assertEquals(Math.exp(-0.05 * t) * Math.sin(1.3 * t), Double.parseDouble(row7[4]), 1e-6);
        assertTrue(o.err().contains("240 rows predicted, MSE"), o.err());

        // New data without the target columns: predictions only.
        Path inputs = tmp.resolve("inputs.csv");
        Files.writeString(inputs, "u\n0.1\n0.2\n0.3\n");
        EvaluateChemotaxisTest.Outcome bare = EvaluateChemotaxisTest.run("predict", run.toString(), "--data",
                inputs.toString());
        assertEquals(0, bare.code(), bare.err());
        List<String> printed = bare.out().lines().toList();
        assertEquals(List.of("row", "x_predicted", "v_predicted"), List.of(printed.get(0).split(",")));
        assertEquals(4, printed.size());

        EvaluateChemotaxisTest.Outcome missing = EvaluateChemotaxisTest.run("predict", run.toString(), "--data",
                "nowhere.csv");
        assertEquals(ExitCode.BAD_INPUT, missing.code());
        assertEquals("error: data file not found: " + Path.of("nowhere.csv").toAbsolutePath(), missing.err().strip());
    }

    @Test
    void aRelativeDataPathIsReadFromTheConfigFilesFolder() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("exp").resolve("sub"));
        Files.copy(oscillatorCsv(), dir.resolve("osc.csv"));
        Path config = dir.resolve("osc.yml");
        Files.writeString(config, Files.readString(csvConfig("[x]", "[x]", 1))
                .replace(oscillatorCsv().toString(), "osc.csv"));
        // Loaded from elsewhere: the working directory is not the config's folder.
        var loaded = org.chemotaxis.config.ConfigLoader.load(config);
        assertEquals(dir.resolve("osc.csv").toAbsolutePath().toString(), loaded.data().path());
        Path run = train(config, "relative");
        assertEquals(dir.resolve("osc.csv").toAbsolutePath().toString(),
                org.chemotaxis.config.ConfigLoader.load(run.resolve("config.yml")).data().path(),
                "the run folder's config finds the data from anywhere");

        Files.writeString(config, Files.readString(config).replace("osc.csv", "missing.csv"));
        EvaluateChemotaxisTest.Outcome o = EvaluateChemotaxisTest.run("train", config.toString(), "--out",
                tmp.resolve("runs").toString(), "--name", "missing");
        assertEquals(ExitCode.BAD_INPUT, o.code());
        assertEquals("error: data file not found: " + dir.resolve("missing.csv").toAbsolutePath(), o.err().strip());
        // A path typed with --set is read from the working directory, like any path on a command line.
        assertEquals(Path.of("typed.csv").toAbsolutePath().toString(), org.chemotaxis.config.ConfigLoader
                .load(config, List.of("data.path=typed.csv")).data().path());
    }
}
