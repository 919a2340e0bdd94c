package org.chemotaxis.worm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void writesAPngOfTwentyWorms(@TempDir Path dir) throws Exception {
        WorldConfig w = WorldConfig.defaults().withDuration(100);
        WormSimulator sim = new WormSimulator(GaussianField.standard(), w, 20);
        TrajectoryRecorder rec = new TrajectoryRecorder(20, 100);
        sim.run(Baselines.create("combined"), 1, 0, 0, 20, rec);
        List<Trajectory> paths = rec.trajectories();
        assertEquals(20, paths.size());
        assertEquals(w.steps() / 100 + 1, paths.get(0).size());
        Path png = dir.resolve("paths.png");
        TrajectoryPlot.write(png, GaussianField.standard(), paths);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(800, img.getHeight());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }
}
