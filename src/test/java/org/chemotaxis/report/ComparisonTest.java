package org.chemotaxis.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groups of runs summarised: the numbers of the table and the bands of the chart. */
class ComparisonTest {

    @TempDir
    Path tmp;

    private static Comparison.Run run(String group, long seed, double reached, double test, double wall, double[] f) {
        double[] x = new double[f.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1000.0 * (i + 1);
        }
        return new Comparison.Run(group, group + "-" + seed, seed, "F", reached, 1000L * f.length, 100L * f.length,
                test, 0.001, wall, x, f);
    }

    private static final List<Comparison.Run> RUNS = List.of(
            run("a", 1, 2000, 0.74, 60, new double[] {0.5, 0.73, 0.76}),
            run("b", 1, Double.POSITIVE_INFINITY, 0.60, 30, new double[] {0.3, 0.5, 0.6}),
            run("a", 2, 3000, 0.76, 70, new double[] {0.4, 0.6, 0.74}),
            run("a", 3, 1000, 0.75, 80, new double[] {0.72, 0.7, 0.75}));

    @Test
    void groupsKeepTheirFirstOrderAndSummariseTheirRuns() {
        List<Comparison.Group> g = Comparison.groups(RUNS);
        assertEquals(List.of("a", "b"), g.stream().map(Comparison.Group::name).toList());
        Comparison.Group a = g.get(0);
        assertEquals(3, a.runs().size());
        assertEquals(3, a.reached());
        assertEquals(2000, a.episodes().median());
        assertEquals(1500, a.episodes().q1());
        assertEquals(0.75, a.test().median(), 1e-15);
        assertEquals(0.74, a.test().min());
        assertEquals(70, a.wall().median());
        assertEquals(0, g.get(1).reached());
    }

    @Test
    void theTableSaysNotReachedAndGivesEveryRun() {
        String md = Comparison.markdown(Comparison.groups(RUNS), 0.72);
        assertTrue(md.contains("| a | 3 | 3 | 2,000 [1,500, 2,500] | 0.750 [0.745, 0.755] | 0.740 | 70 [65, 75] |"), md);
        assertTrue(md.contains("| b | 1 | 0 | not reached [not reached, not reached] | 0.600"), md);
        assertTrue(md.contains("| a | a-2 | 2 | 3,000 | 3000 | 300 | 0.760 ± 0.001 | 70 |"), md);
    }

    @Test
    void theBandIsTheMedianAndQuartilesEpochByEpoch() throws Exception {
        double[][] band = Comparison.band(Comparison.groups(RUNS).get(0).runs());
        assertArrayEquals(new double[] {1000, 2000, 3000}, band[0]);
        assertArrayEquals(new double[] {0.5, 0.7, 0.75}, band[2]);
        assertArrayEquals(new double[] {0.45, 0.65, 0.745}, band[1], 1e-15);
        Path png = tmp.resolve("c.png");
        Comparison.chart(png, Comparison.groups(RUNS), 0.72, "test");
        assertTrue(Files.size(png) > 1000);
    }
}
