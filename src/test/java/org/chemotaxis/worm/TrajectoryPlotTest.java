package org.chemotaxis.worm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class TrajectoryPlotTest {

    @Test
    void contoursOfTheGaussianAreCirclesAtTheMatchingRadius() {
        // C = exp(-r^2 / (2 lambda^2)) = L  <=>  r = lambda sqrt(-2 ln L).
        GaussianField g = GaussianField.standard();
        int n = 100;
        double x0 = -5;
        double h = 10.0 / n;
        double[][] grid = new double[n + 1][n + 1];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                grid[i][j] = g.at(x0 + h * i, x0 + h * j);
            }
        }
        double level = 0.3;
        double radius = 1.61 * Math.sqrt(-2 * Math.log(level));
        double[][] line = TrajectoryPlot.contour(grid, level, x0, x0, h);
        int points = 0;
        for (int k = 0; k < line[0].length; k++) {
            if (!Double.isNaN(line[1][k])) {
                // Linear interpolation along a cell edge: off by at most ~h^2 curvature terms.
                assertEquals(radius, Math.hypot(line[0][k], line[1][k]), h * h, "point " + k);
                points++;
            }
        }
        assertTrue(points > 100, "a closed ring crosses many cells: " + points);
    }

    @Test
    void drawsAPngOfTwentyWorms() throws Exception {
        WorldConfig w = WorldConfig.defaults().withDuration(100);
        WormSimulator sim = new WormSimulator(GaussianField.standard(), w, 20);
        TrajectoryRecorder rec = new TrajectoryRecorder(20, 100);
        sim.run(Baselines.create("combined"), 1, 0, 0, 20, rec);
        List<Trajectory> paths = rec.trajectories();
        assertEquals(20, paths.size());
        assertEquals(w.steps() / 100 + 1, paths.get(0).size());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(TrajectoryPlot.png(GaussianField.standard(), paths,
                "combined")));
        assertEquals(800, img.getWidth());
        assertEquals(860, img.getHeight());
    }

    @Test
    void theLegendNamesTheMarkersAndEveryRingIsLabelledAndWhole() {
        WorldConfig w = WorldConfig.defaults().withDuration(50);
        WormSimulator sim = new WormSimulator(GaussianField.standard(), w, 3);
        TrajectoryRecorder rec = new TrajectoryRecorder(3, 100);
        sim.run(Baselines.create("combined"), 1, 0, 0, 3, rec);
        TrajectoryPlot.View view = TrajectoryPlot.View.around(GaussianField.standard(), rec.trajectories());
        XYChart chart = TrajectoryPlot.chart(GaussianField.standard(), rec.trajectories(), "t", view);
        List<String> legend = chart.getSeriesMap().values().stream().filter(s -> s.isShowInLegend())
                .map(s -> s.getLabel()).toList();
        assertEquals(List.of("iso-concentration, % of max", "paths of 3 worms", "starts", "peak"), legend);
        // Every ring drawn lies inside the view and carries one label: the start circle (4.5 cm)
        // with its margin holds the rings out to 1 % of the peak (r = 4.89 cm) only if the view is wide enough.
        long rings = chart.getSeriesMap().keySet().stream().filter(n -> n.startsWith("C = ")).count();
        assertTrue(rings >= 5, "rings drawn: " + rings);
        for (XYSeries s : chart.getSeriesMap().values()) {
            if (s.getName().startsWith("C = ")) {
                for (double x : s.getXData()) {
                    assertTrue(x > view.x0() && x < view.x0() + view.span(), s.getName() + " x " + x);
                }
            }
        }
    }

    @Test
    void theStartDiscViewCountsThePathsThatLeaveIt() {
        List<Trajectory> paths = List.of(new Trajectory(new double[] {4.5, 3}, new double[] {0, 0}),
                new Trajectory(new double[] {0, 0}, new double[] {-4.5, -12}));
        TrajectoryPlot.View view = TrajectoryPlot.startDisc(GaussianField.standard(), paths);
        assertEquals(-1.45 * 4.5, view.x0(), 1e-12);
        assertEquals(2 * 1.45 * 4.5, view.span(), 1e-12);
        XYChart chart = TrajectoryPlot.chart(GaussianField.standard(), paths, "t", view);
        assertEquals("paths of 2 worms, 1 leaves the view", chart.getSeriesMap().get("worm 0").getLabel());
    }

    @Test
    void aSharedViewHoldsThePathsOfEveryList() {
        List<Trajectory> near = List.of(new Trajectory(new double[] {0, 1}, new double[] {0, 1}));
        List<Trajectory> far = List.of(new Trajectory(new double[] {-9, 0}, new double[] {0, 7}));
        TrajectoryPlot.View alone = TrajectoryPlot.View.around(GaussianField.standard(), near);
        TrajectoryPlot.View shared = TrajectoryPlot.View.around(GaussianField.standard(), near, far);
        assertTrue(alone.span() < 4, "alone " + alone);
        assertTrue(shared.x0() < -9 && shared.y0() + shared.span() > 7 && shared.x0() + shared.span() > 1, "shared " + shared);
    }
}
