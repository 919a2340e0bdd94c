package org.chemotaxis.report.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.chemotaxis.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training's tb/ folder holds one scalar event per epoch, equal to metrics.csv. */
class RunTensorBoardTest {

    @TempDir
    Path tmp;

    @Test
    void theScalarsOfEveryEpochEqualMetricsCsv() throws Exception {
        Path config = tmp.resolve("tiny.yml");
        Files.writeString(config, """
                name: tiny
                seed: 3
                model: {type: elman, hidden: 4}
                data: {type: sine, count: 48, length: 16, dt: 0.1, validation_fraction: 0.25}
                objective: {washout: 2}
                estimator: {type: spsa, sigma: 1.0e-3, directions: 4}
                training: {epochs: 4, batch: 8}
                """);
        assertEquals(0, Main.execute("train", config.toString(), "--out", tmp.toString(), "--name", "run", "--workers", "2"));
        Path run = tmp.resolve("run");
        List<Path> files;
        try (Stream<Path> s = Files.list(run.resolve("tb"))) {
            files = s.toList();
        }
        assertEquals(1, files.size(), files.toString());
        List<TensorBoardReader.Event> events = TensorBoardReader.compile(tmp).events(files.get(0));
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        assertEquals(csv.size(), events.size(), "the file_version event, then one per epoch");
        for (int row = 1; row < csv.size(); row++) {
            String[] f = csv.get(row).split(",");
            TensorBoardReader.Event e = events.get(row);
            assertEquals(Long.parseLong(f[header.indexOf("epoch")]), e.step());
            var s = e.scalars();
            assertEquals((float) Double.parseDouble(f[header.indexOf("train_loss")]), s.get("loss/train"));
            assertEquals((float) Double.parseDouble(f[header.indexOf("validation_loss")]), s.get("loss/validation"));
            assertEquals((float) Double.parseDouble(f[header.indexOf("metric")]), s.get("metric/r2"));
            assertEquals((float) Double.parseDouble(f[header.indexOf("learning_rate")]), s.get("learning_rate"));
            assertEquals(Float.parseFloat(f[header.indexOf("workers")]), s.get("workers"));
            assertEquals(Float.parseFloat(f[header.indexOf("train_episodes")]), s.get("episodes/train"));
            assertEquals(Float.parseFloat(f[header.indexOf("validation_episodes")]), s.get("episodes/validation"));
            // metrics.csv rounds seconds to the millisecond.
            double seconds = Double.parseDouble(f[header.indexOf("seconds")]);
            assertEquals(seconds, s.get("epoch_seconds"), 5e-4);
            double passes = Double.parseDouble(f[header.indexOf("forward_passes")]);
            // ... so the rate lies between passes over the largest and the smallest time that rounds to it.
            double lo = passes / (seconds + 5e-4) * (1 - 1e-6);
            double hi = seconds > 5e-4 ? passes / (seconds - 5e-4) * (1 + 1e-6) : Double.POSITIVE_INFINITY;
            float rate = s.get("throughput/forward_passes_per_second");
            assertTrue(rate >= lo && rate <= hi, rate + " forward passes per second, not in [" + lo + ", " + hi + "]");
        }
    }
}
