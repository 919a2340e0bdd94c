package org.chemotaxis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.experiment.Experiments;
import org.chemotaxis.experiment.SequenceExperiment;
import org.chemotaxis.report.ModelFile;
import org.chemotaxis.report.ParameterHash;
import org.chemotaxis.train.Trainer;
import org.chemotaxis.train.Training;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The train command end to end, in this JVM: run folder, determinism across workers, early stopping. */
class TrainCommandTest {

    @TempDir
    Path tmp;

    private Path train(Path config, String name, String... extra) {
        Path out = tmp.resolve("runs");
        String[] args = new String[] {"train", config.toString(), "--out", out.toString(), "--name", name};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        assertEquals(ExitCode.OK, Main.execute(all), "train " + String.join(" ", all));
        return out.resolve(name);
    }

    private double[] plainTheta(Path config, int epochs) {
        SequenceExperiment exp = new SequenceExperiment(ConfigLoader.load(config));
        Training t = exp.newTraining();
        Trainer.plain(t).run(epochs);
        return t.theta();
    }

    @Test
    void sameResultWithOneTwoAndFourWorkersAndAsThePlainLoop() {
        Path config = RunFiles.writeSmallConfig(tmp, 3, "central");
        String one = RunFiles.lastSha(train(config, "w1", "--workers", "1"));
        String two = RunFiles.lastSha(train(config, "w2", "--workers", "2"));
        String four = RunFiles.lastSha(train(config, "w4", "--workers", "4", "--set", "runtime.task_size=3"));
        assertEquals(one, two);
        assertEquals(one, four);
        assertEquals(ParameterHash.sha256(plainTheta(config, 3)), one, "actors must match the plain loop bit for bit");
        Path spsa = RunFiles.writeSmallConfig(tmp.resolve("spsa"), 2, "spsa");
        assertEquals(RunFiles.lastSha(train(spsa, "s1", "--workers", "1")),
                RunFiles.lastSha(train(spsa, "s3", "--workers", "3", "--set", "runtime.task_size=1")));
    }

    /**
     * The techniques with shaped losses or an adaptive distribution (two values per index, state
     * sent with theta): one worker, two workers with one index per task, and the plain loop agree.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gaussian-ranked", "pgpe", "snes", "ars", "cmaes"})
    void eachTechniqueGivesTheSameResultWithOneAndTwoWorkersAndAsThePlainLoop(String technique) {
        Path config = RunFiles.writeSmallConfig(tmp, 3, "gaussian");
        List<String> sets = RunFiles.technique(technique);
        String one = RunFiles.lastSha(train(config, technique + "-1", with(sets, "--workers", "1")));
        String two = RunFiles.lastSha(train(config, technique + "-2", with(sets, "--workers", "2", "--set",
                "runtime.task_size=1")));
        assertEquals(one, two, technique);
        Path resolved = tmp.resolve("runs").resolve(technique + "-1").resolve("config.yml");
        assertEquals(ParameterHash.sha256(plainTheta(resolved, 3)), one, technique + ": actors and the plain loop");
    }

    private static String[] with(List<String> sets, String... more) {
        return java.util.stream.Stream.concat(sets.stream(), java.util.Arrays.stream(more)).toArray(String[]::new);
    }

    @Test
    void runFolderHoldsConfigEventsMetricsCheckpointModelAndPlots() throws Exception {
        Path run = train(RunFiles.writeSmallConfig(tmp, 2, "central"), "folder", "--workers", "2");
        for (String f : List.of("config.yml", "events.jsonl", "metrics.csv", "checkpoint.json", "model.json",
                "loss.png", "generation.png")) {
            assertTrue(Files.size(run.resolve(f)) > 0, f);
        }
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(3, metrics.size(), "header and one row per epoch");
        List<JsonNode> epochs = RunFiles.events(run, "EpochEnded");
        assertEquals(2, epochs.size());
        assertEquals(6 * 59L, epochs.get(0).path("forward_passes").asLong(), "6 steps of 2P + 1 passes, P = 29");
        // Every pass of a step runs its batch of sequences; each validation the validation split.
        ExperimentConfig resolved = ConfigLoader.load(run.resolve("config.yml"));
        int batch = resolved.training().batch();
        int validation = Experiments.of(resolved).samples().validation().size();
        for (int e = 0; e < 2; e++) {
            assertEquals((e + 1) * 6 * 59L * batch, epochs.get(e).path("train_episodes").asLong());
            assertEquals((e + 1L) * validation, epochs.get(e).path("validation_episodes").asLong());
            String[] row = metrics.get(e + 1).split(",");
            assertEquals(Long.toString((e + 1) * 6 * 59L * batch), row[row.length - 2]);
            assertEquals(Long.toString((e + 1L) * validation), row[row.length - 1]);
        }
        assertEquals(RunFiles.finishedSha(run), ModelFile.read(run.resolve("model.json")).sha256());
        assertEquals(1, RunFiles.events(run, "RunStarted").size());
        // the resolved config in the folder is loadable and complete
        assertEquals(4, ConfigLoader.load(run.resolve("config.yml")).model().hidden());
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndKeepsTheBestEpoch() throws Exception {
        // A learning rate so small that no epoch improves on the first by min_delta: a plateau.
        Path config = RunFiles.writeSmallConfig(tmp, 20, "central");
        Path run = train(config, "plateau", "--workers", "2", "--set", "optimizer.lr=1e-6",
                "--set", "early_stopping.patience=3", "--set", "early_stopping.min_delta=0.01");
        List<JsonNode> stopped = RunFiles.events(run, "EarlyStopped");
        assertEquals(1, stopped.size());
        assertEquals(3, stopped.get(0).path("epoch").asLong(), "epochs 1, 2, 3 without improvement after epoch 0");
        assertEquals(0, stopped.get(0).path("best_epoch").asLong());
        assertEquals(4, RunFiles.events(run, "EpochEnded").size());
        // The saved model is epoch 0's parameters, not the last ones.
        String best = RunFiles.finishedSha(run);
        assertEquals(ParameterHash.sha256(plainTheta(run.resolve("config.yml"), 1)), best);
        assertNotEquals(best, RunFiles.lastSha(run));
        assertEquals(0, ModelFile.read(run.resolve("model.json")).epoch());
    }
}
