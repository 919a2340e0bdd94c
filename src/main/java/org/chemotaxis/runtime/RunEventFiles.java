package org.chemotaxis.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.chemotaxis.report.AppendedFile;
import org.chemotaxis.report.RunFolder;
import org.chemotaxis.report.tensorboard.EventFileWriter;

/**
 * The files a run's events go to: events.jsonl (every event, a line each), metrics.csv (a row
 * per epoch) and a TensorBoard file of its own in tb/ (the epoch's scalars). An event is written
 * to every file it belongs to or, when a write fails (a full disk), to none: the files are cut
 * back to where they were before it, so that they always end with a whole event and agree with
 * each other.
 */
final class RunEventFiles implements Closeable {

    /** Where each file ended before an event's writes began. */
    record Mark(long events, long metrics, long tensorBoard) {
    }

    private final AppendedFile events;
    private final AppendedFile metrics;
    private final EventFileWriter tensorBoard;

    private RunEventFiles(AppendedFile events, AppendedFile metrics, EventFileWriter tensorBoard) {
        this.events = events;
        this.metrics = metrics;
        this.tensorBoard = tensorBoard;
    }

    /**
     * Opens the files of {@code runDir} for appending, a new TensorBoard file among them. A line
     * that a kill cut off is closed first (the next one starts a line of its own; readers skip
     * the cut one), and a new or empty metrics.csv gets its header.
     *
     * @throws IOException naming the file that could not be opened or written, and why
     */
    static RunEventFiles open(Path runDir) throws IOException {
        Path eventsFile = runDir.resolve(RunFolder.EVENTS);
        Path metricsFile = runDir.resolve(RunFolder.METRICS);
        AppendedFile events = null;
        AppendedFile metrics = null;
        try {
            events = openAppending(eventsFile);
            metrics = openAppending(metricsFile);
            if (endsMidLine(eventsFile)) {
                events.append(NEWLINE);
            }
            if (endsMidLine(metricsFile)) {
                metrics.append(NEWLINE);
            }
            if (metrics.size() == 0) {
                metrics.append((EventLog.METRICS_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            }
            EventFileWriter tensorBoard = EventFileWriter.create(runDir.resolve(EventLog.TENSORBOARD_DIR),
                    "chemotaxis." + ProcessHandle.current().pid());
            return new RunEventFiles(events, metrics, tensorBoard);
        } catch (IOException e) {
            closeQuietly(events);
            closeQuietly(metrics);
            throw e;
        }
    }

    private static final byte[] NEWLINE = {'\n'};

    private static AppendedFile openAppending(Path file) throws IOException {
        try {
            return AppendedFile.open(file, false);
        } catch (IOException e) {
            throw AppendedFile.failure(file, e);
        }
    }

    /** Whether a file that is appended to ends in the middle of a line (a kill cut it). */
    static boolean endsMidLine(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return false;
        }
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            ch.read(last, ch.size() - 1);
            return last.get(0) != '\n';
        }
    }

    Mark mark() {
        return new Mark(events.size(), metrics.size(), tensorBoard.size());
    }

    /** Undoes every write after {@code mark}. */
    void cutBack(Mark mark) {
        events.cutBack(mark.events());
        metrics.cutBack(mark.metrics());
        tensorBoard.cutBack(mark.tensorBoard());
    }

    /**
     * Writes {@code e} to each file it belongs to: all of them for an epoch's end, events.jsonl
     * alone for the others.
     *
     * @throws IOException naming the file and the cause; nothing of {@code e} is left in any file
     */
    void write(RunEvent e) throws IOException {
        Mark before = mark();
        try {
            line(e);
            if (e instanceof RunEvent.EpochEnded ep) {
                row(ep);
                scalars(ep);
            }
        } catch (IOException ex) {
            cutBack(before);
            throw ex;
        }
    }

    /** events.jsonl only. */
    void line(RunEvent e) throws IOException {
        events.append(lineBytes(e));
    }

    /** metrics.csv only. */
    void row(RunEvent.EpochEnded e) throws IOException {
        metrics.append((csvRow(e) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The TensorBoard file only. */
    void scalars(RunEvent.EpochEnded e) throws IOException {
        tensorBoard.scalars(e.epoch(), e.time() / 1000.0, EpochScalars.of(e));
    }

    /** An event as its line of events.jsonl, newline included. */
    static byte[] lineBytes(RunEvent e) {
        try {
            byte[] json = EventLog.JSON.writeValueAsBytes(e);
            byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String csvRow(RunEvent.EpochEnded e) {
        return String.join(",", Long.toString(e.epoch()), num(e.trainLoss()), num(e.validationLoss()), num(e.metric()),
                Long.toString(e.steps()), Long.toString(e.forwardPasses()), String.format(Locale.ROOT, "%.3f", e.seconds()),
                Integer.toString(e.workers()), num(e.learningRate()), Boolean.toString(e.improved()),
                Long.toString(e.trainEpisodes()), Long.toString(e.validationEpisodes()));
    }

    private static String num(double v) {
        return Double.toString(v);
    }

    @Override
    public void close() throws IOException {
        try (AppendedFile e = events; AppendedFile m = metrics; EventFileWriter t = tensorBoard) {
            // each is closed, whichever close fails
        }
    }

    private static void closeQuietly(AppendedFile f) {
        if (f != null) {
            try {
                f.close();
            } catch (IOException ignored) {
                // the failure that brought us here is the one to report
            }
        }
    }
}
