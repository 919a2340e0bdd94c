package org.chemotaxis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.chemotaxis.report.MetricsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare end to end, in this JVM: tiny sine runs of two seeds and of another config name. */
class CompareCommandTest {

    @TempDir
    Path tmp;

    private Path train(Path config, String name, String... set) {
        Path out = tmp.resolve("runs");
        List<String> args = new java.util.ArrayList<>(List.of("train", config.toString(), "--out", out.toString(),
                "--name", name, "--workers", "1"));
        for (String s : set) {
            args.add("--set");
            args.add(s);
        }
        assertEquals(ExitCode.OK, Main.execute(args.toArray(String[]::new)));
        return out.resolve(name);
    }

    @Test
    void groupsByConfigNameAndScoresEveryRunOnTheSameTestWaves() throws Exception {
        Path config = RunFiles.writeSmallConfig(tmp, 3, "spsa");
        Path a1 = train(config, "a1");
        Path a2 = train(config, "a2", "seed=4");
        Path b1 = train(config, "b1", "name=other", "estimator.directions=2");
        Path md = tmp.resolve("cmp.md");
        Path png = tmp.resolve("cmp.png");
        var o = EvaluateChemotaxisTest.run("compare", "--threshold", "-1e9", "--test-seed", "77", "--markdown",
                md.toString(), "--plot", png.toString(), a1.toString(), a2.toString(), b1.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.size(png) > 1000);
        String text = Files.readString(md);
        assertTrue(text.contains("| tiny | 2 | 2 |"), text);
        assertTrue(text.contains("| other | 1 | 1 |"), text);
        // A threshold every epoch passes: reached at the end of the first epoch, by its training episodes.
        for (Path run : List.of(a1, a2, b1)) {
            MetricsTable m = MetricsTable.read(run.resolve("metrics.csv"));
            long first = (long) m.column("train_episodes")[0];
            // The test score as evaluate gives it for the same test waves, apart from compare's code.
            var e = EvaluateChemotaxisTest.run("evaluate", run.toString(), "--seed", "77");
            assertEquals(0, e.code(), e.err());
            double r2 = e.json().path("r2").asDouble();
            String row = "| " + run.getFileName() + " | ";
            String line = text.lines().filter(l -> l.contains(row)).findFirst().orElseThrow();
            assertTrue(line.contains(String.format(Locale.ROOT, "| %,d |", first)), line);
            assertTrue(line.contains(String.format(Locale.ROOT, "| %.3f ± ", r2)), line + " vs r2 " + r2);
        }
    }

    @Test
    void aFolderThatIsNotARunIsNamedBeforeAnyScoring() throws Exception {
        Path notARun = Files.createDirectories(tmp.resolve("empty"));
        var o = EvaluateChemotaxisTest.run("compare", notARun.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains(notARun.toString()), o.err());
        assertFalse(o.err().contains("compare: scored"), o.err());
    }
}
