package org.chemotaxis.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.train.RunRecorder;
import org.chemotaxis.train.TrainingState;

/**
 * A run's folder: config.yml (the resolved config), events.jsonl, metrics.csv, checkpoint.json
 * (the latest, replaced atomically after every epoch), model.json (the best epoch's parameters,
 * replaced atomically whenever an epoch improves, so that a run can be evaluated while it goes on)
 * and the plots.
 */
public final class RunFolder implements RunRecorder {

    public static final String CONFIG = "config.yml";
    public static final String CHECKPOINT = "checkpoint.json";
    public static final String MODEL = "model.json";
    public static final String EVENTS = "events.jsonl";
    public static final String METRICS = "metrics.csv";
    public static final String LOSS_PLOT = "loss.png";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;
    private final String runId;
    private RecurrentModel model;

    private RunFolder(Path dir, String runId) {
        this.dir = dir;
        this.runId = runId;
    }

    /** The default folder name: the config's name and the local time. */
    public static String defaultName(String configName) {
        return configName + "-" + LocalDateTime.now().format(STAMP);
    }

    /** Creates {@code out/name}; fails if it exists, so a run never writes over another. */
    public static RunFolder create(Path out, String name) {
        Path dir = out.resolve(name);
        try {
            Files.createDirectories(out);
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException("run folder already exists: " + dir + " (choose another --name or --out)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder " + dir + ": " + e.getMessage(), e);
        }
        return new RunFolder(dir, dir.getFileName().toString());
    }

    /** Opens an existing run folder; it must hold a config.yml. */
    public static RunFolder open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("run folder not found: " + dir);
        }
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new BadInputException("not a run folder (no " + CONFIG + "): " + dir);
        }
        return new RunFolder(dir, dir.toAbsolutePath().normalize().getFileName().toString());
    }

    /** Removes a folder this process just created, when the run could not start. */
    public void deleteIfEmptyOfResults() {
        if (Files.exists(dir.resolve(CHECKPOINT))) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the folder had nothing worth keeping
        }
    }

    public Path dir() {
        return dir;
    }

    public String runId() {
        return runId;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** The model whose description goes into model.json. */
    public RunFolder describing(RecurrentModel model) {
        this.model = model;
        return this;
    }

    public void writeConfig(String yaml) {
        AtomicFiles.writeString(dir.resolve(CONFIG), yaml);
    }

    @Override
    public String checkpoint(TrainingState state, long epochsDone) {
        Path file = dir.resolve(CHECKPOINT);
        AtomicFiles.writeString(file, CheckpointCodec.encode(state, runId, epochsDone));
        return file.toString();
    }

    @Override
    public String model(double[] theta, long epoch, double validationLoss) {
        Path file = dir.resolve(MODEL);
        ModelFile.write(file, model, theta, epoch, validationLoss);
        return file.toString();
    }

    /** The latest checkpoint, if any; a damaged one is a {@link BadInputException} naming the file. */
    public Optional<CheckpointCodec.Decoded> readCheckpoint() {
        Path file = dir.resolve(CHECKPOINT);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BadInputException("cannot read checkpoint " + file + ": " + e.getMessage());
        }
        try {
            return Optional.of(CheckpointCodec.decode(text));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("checkpoint " + file + " is damaged or truncated: " + e.getMessage());
        }
    }
}
