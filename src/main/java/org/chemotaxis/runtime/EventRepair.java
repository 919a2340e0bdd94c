package org.chemotaxis.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.report.AppendedFile;
import org.chemotaxis.report.CheckpointCodec;
import org.chemotaxis.report.RunFolder;
import org.chemotaxis.report.tensorboard.EventFileWriter;

/**
 * Brings a run folder's event files level with its checkpoint before a resume goes on. The
 * checkpoint is the commit point of an epoch: it is written first and holds the epoch's
 * EpochEnded event; the events line, the metrics row and the TensorBoard scalars follow, and the
 * next epoch waits for them. So when a write fails (a full disk), or a kill comes in between,
 * the files lack at most the checkpoint's last epoch, and this writes it from the checkpoint:
 * the EpochEnded line and its scalars, the Checkpointed line, the metrics row, each only if it
 * is missing. Nothing is ever removed.
 */
public final class EventRepair {

    /** How much of the end of metrics.csv is searched for the epoch's row (it is the last whole one). */
    private static final int METRICS_TAIL = 64 * 1024;

    private final RunEvent.EpochEnded epoch;
    private final RunEvent.Checkpointed checkpointed;
    private final boolean needsEvent;
    private final boolean needsCheckpointed;
    private final boolean needsRow;

    private EventRepair(RunEvent.EpochEnded epoch, RunEvent.Checkpointed checkpointed, boolean needsEvent,
                        boolean needsCheckpointed, boolean needsRow) {
        this.epoch = epoch;
        this.checkpointed = checkpointed;
        this.needsEvent = needsEvent;
        this.needsCheckpointed = needsCheckpointed;
        this.needsRow = needsRow;
    }

    /**
     * What {@code runDir} lacks of its checkpoint's last epoch; reads only.
     *
     * @param events the readable events of its events.jsonl
     * @throws BadInputException when the checkpoint's record is not the EpochEnded event of its last epoch
     */
    public static EventRepair plan(Path runDir, CheckpointCodec.Decoded checkpoint, List<JsonNode> events) {
        long last = checkpoint.epochsDone() - 1;
        if (checkpoint.epochRecord() == null || last < 0) {
            // a checkpoint of an older version keeps no record: there is nothing to write from
            return new EventRepair(null, null, false, false, false);
        }
        Path file = runDir.resolve(RunFolder.CHECKPOINT);
        RunEvent.EpochEnded ended;
        try {
            RunEvent e = EventLog.JSON.readValue(checkpoint.epochRecord(), RunEvent.class);
            if (!(e instanceof RunEvent.EpochEnded ep) || ep.epoch() != last) {
                throw new BadInputException("checkpoint " + file + ": its epoch_record is not the EpochEnded event of"
                        + " epoch " + (last + 1) + " (edited?)");
            }
            ended = ep;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new BadInputException("checkpoint " + file + ": its epoch_record is not an event (damaged or edited)");
        }
        boolean hasEvent = false;
        boolean hasCheckpointed = false;
        for (JsonNode e : events) {
            String type = e.path("event").asText();
            if (e.path("epoch").asLong(-1) == last) {
                hasEvent |= type.equals("EpochEnded");
                hasCheckpointed |= type.equals("Checkpointed");
            }
        }
        boolean hasRow = hasMetricsRow(runDir.resolve(RunFolder.METRICS), last);
        var state = checkpoint.state();
        RunEvent.Checkpointed c = new RunEvent.Checkpointed(ended.runId(), ended.time(), last, state.step(), file.toString());
        return new EventRepair(ended, c, !hasEvent, !hasCheckpointed, !hasRow);
    }

    /** Whether anything is missing. */
    public boolean needed() {
        return needsEvent || needsCheckpointed || needsRow;
    }

    /** One line for the user: what is written, and why. */
    public String describe() {
        List<String> what = new ArrayList<>();
        if (needsEvent || needsCheckpointed) {
            what.add(RunFolder.EVENTS);
        }
        if (needsRow) {
            what.add(RunFolder.METRICS);
        }
        if (needsEvent) {
            what.add(EventLog.TENSORBOARD_DIR + "/");
        }
        return String.join(", ", what) + " lacked epoch " + (epoch.epoch() + 1) + " (a write failed or a kill came"
                + " after its checkpoint): written from " + RunFolder.CHECKPOINT;
    }

    /**
     * Writes what is missing, all of it or (when a write fails) none of it.
     *
     * @throws UncheckedIOException naming the file and the cause
     */
    public void write(Path runDir) {
        if (!needed()) {
            return;
        }
        AppendedFile events = null;
        AppendedFile metrics = null;
        EventFileWriter tb = null;
        long eventsMark = 0;
        long metricsMark = 0;
        try {
            if (needsEvent || needsCheckpointed) {
                events = opened(runDir.resolve(RunFolder.EVENTS));
                eventsMark = events.size();
                if (RunEventFiles.endsMidLine(events.file())) {
                    events.append(new byte[] {'\n'});
                }
                if (needsEvent) {
                    events.append(RunEventFiles.lineBytes(epoch));
                }
                if (needsCheckpointed) {
                    events.append(RunEventFiles.lineBytes(checkpointed));
                }
            }
            if (needsRow) {
                metrics = opened(runDir.resolve(RunFolder.METRICS));
                metricsMark = metrics.size();
                if (RunEventFiles.endsMidLine(metrics.file())) {
                    metrics.append(new byte[] {'\n'});
                }
                if (metrics.size() == 0) {
                    metrics.append((EventLog.METRICS_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
                }
                metrics.append((RunEventFiles.csvRow(epoch) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (needsEvent) {
                // The scalars went with the events line (the EventLog writes them together or not at
                // all). Named as the EventLog names its file, this one sorts before the resumed run's:
                // TensorBoard reads the files in name order, and a step that goes back may purge the later ones read before it.
                tb = EventFileWriter.create(runDir.resolve(EventLog.TENSORBOARD_DIR),
                        "chemotaxis." + ProcessHandle.current().pid());
                tb.scalars(epoch.epoch(), epoch.time() / 1000.0, EpochScalars.of(epoch));
            }
        } catch (IOException e) {
            if (events != null) {
                events.cutBack(eventsMark);
            }
            if (metrics != null) {
                metrics.cutBack(metricsMark);
            }
            if (tb != null) {
                deleteQuietly(tb);
            }
            throw new UncheckedIOException(e.getMessage(), e);
        } finally {
            closeQuietly(events);
            closeQuietly(metrics);
            if (tb != null) {
                try {
                    tb.close();
                } catch (IOException ignored) {
                    // written and flushed record by record; nothing is lost by a failed close
                }
            }
        }
    }

    private static AppendedFile opened(Path file) throws IOException {
        try {
            return AppendedFile.open(file, false);
        } catch (IOException e) {
            throw AppendedFile.failure(file, e);
        }
    }

    /** Whether the end of metrics.csv holds a whole row (as many fields as the header) of {@code epoch}. */
    private static boolean hasMetricsRow(Path file, long epoch) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        int fields = EventLog.METRICS_HEADER.split(",").length;
        String prefix = epoch + ",";
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int n = (int) Math.min(size, METRICS_TAIL);
            ByteBuffer tail = ByteBuffer.allocate(n);
            while (tail.hasRemaining() && ch.read(tail, size - n + tail.position()) > 0) {
                // read on until the tail is in
            }
            String text = new String(tail.array(), 0, tail.position(), StandardCharsets.ISO_8859_1);
            // only lines ended by a newline are whole, and in a tail of a longer file the first is a part of one
            int start = n < size ? text.indexOf('\n') + 1 : 0;
            int end = text.lastIndexOf('\n');
            if (end < start) {
                return false;
            }
            for (String line : text.substring(start, end).split("\n")) {
                if (line.startsWith(prefix) && line.split(",", -1).length == fields) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new BadInputException("cannot read metrics table " + file + ": " + e.getMessage());
        }
    }

    private static void deleteQuietly(EventFileWriter tb) {
        try {
            tb.close();
            Files.deleteIfExists(tb.file());
        } catch (IOException ignored) {
            // an unfinished TensorBoard file is read up to its last whole record
        }
    }

    private static void closeQuietly(AppendedFile f) {
        if (f != null) {
            try {
                f.close();
            } catch (IOException ignored) {
                // every append is whole or undone; a failed close loses nothing
            }
        }
    }
}
