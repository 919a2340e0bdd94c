package org.chemotaxis.report;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
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

    /** The files a run writes into its folder (besides tb/), which no other command may write over. */
    public static final Set<String> OWN_FILES = Set.of(CONFIG, CHECKPOINT, MODEL, EVENTS, METRICS, LOSS_PLOT,
            "generation.png", "report.html", RunLock.FILE);

    /**
     * Checks, before anything is created, that {@code out/name} can become a new run folder: the
     * name is one folder name (not a path) and {@code out} is a folder or can become one.
     */
    public static void checkNew(Path out, String name) {
        Path asPath = Path.of(name);
        if (name.isEmpty() || name.equals(".") || name.equals("..") || asPath.getNameCount() != 1
                || asPath.isAbsolute() || name.chars().anyMatch(Character::isISOControl)) {
            throw new BadInputException("a run folder's name must be one folder name, not a path, but was '"
                    + org.chemotaxis.config.Limits.printable(name) + "'");
        }
        for (Path p = out.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new BadInputException("--out " + out + ": " + p + " is a file, not a folder");
                }
                if (!Files.isWritable(p)) {
                    throw new BadInputException("cannot create run folder in --out " + out + ": " + p
                            + " is not writable (permission denied)");
                }
                break;
            }
        }
        if (Files.exists(out.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException("run folder already exists: " + out.resolve(name)
                    + " (choose another --name or --out)");
        }
    }

    /** Creates {@code out/name}; fails if it exists, so a run never writes over another. */
    public static RunFolder create(Path out, String name) {
        checkNew(out, name);
        Path dir = out.resolve(name);
        try {
            Files.createDirectories(out);
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException("run folder already exists: " + dir + " (choose another --name or --out)");
        } catch (IOException e) {
            throw new BadInputException("cannot create run folder " + dir + ": " + FileProblems.why(e));
        }
        return new RunFolder(dir, dir.getFileName().toString());
    }

    /** Opens an existing run folder; it must hold a config.yml. */
    public static RunFolder open(Path dir) {
        if (!Files.exists(dir)) {
            throw new BadInputException("run folder not found: " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("not a run folder: " + dir + " is a file");
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw new BadInputException("cannot read run folder " + dir + ": permission denied");
        }
        if (!Files.exists(dir.resolve(CONFIG))) {
            throw new BadInputException("not a run folder (no " + CONFIG + "): " + dir);
        }
        FileProblems.requireReadableFile(dir.resolve(CONFIG), "run config");
        return new RunFolder(dir, dir.toAbsolutePath().normalize().getFileName().toString());
    }

    /**
     * Checks that a run can go on writing into this folder: the folder is writable, each of the
     * run's own files is absent or a writable regular file, tb/ is absent or a folder. Called
     * before a resume touches anything.
     */
    public void checkWritable() {
        if (!Files.isWritable(dir)) {
            throw new BadInputException("cannot write into run folder " + dir + ": permission denied");
        }
        for (String name : OWN_FILES) {
            FileProblems.requireWritableOrAbsent(dir.resolve(name), "run file");
        }
        Path tb = dir.resolve("tb");
        if (Files.exists(tb, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(tb)) {
            throw new BadInputException("run folder " + dir + ": tb is a file, but must be the folder of TensorBoard files");
        }
    }

    /** Whether {@code file} is one of a run folder's own files (in any run folder: one that holds a config.yml). */
    public static boolean isRunFile(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || abs.getFileName() == null) {
            return false;
        }
        String name = abs.getFileName().toString();
        boolean inRun = Files.isRegularFile(parent.resolve(CONFIG));
        boolean inTb = parent.getFileName() != null && parent.getFileName().toString().equals("tb")
                && parent.getParent() != null && Files.isRegularFile(parent.getParent().resolve(CONFIG));
        return inRun && (OWN_FILES.contains(name) || name.equals("tb")) || inTb;
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
    public String checkpoint(TrainingState state, long epochsDone, String epochRecord) {
        Path file = dir.resolve(CHECKPOINT);
        AtomicFiles.writeString(file, CheckpointCodec.encode(state, runId, epochsDone, epochRecord));
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
            throw new BadInputException("cannot read checkpoint " + file + ": " + FileProblems.why(e));
        }
        try {
            return Optional.of(CheckpointCodec.decode(text));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("checkpoint " + file + " is damaged or truncated: " + e.getMessage());
        }
    }
}
