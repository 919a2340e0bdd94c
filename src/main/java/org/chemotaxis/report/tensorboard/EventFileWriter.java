package org.chemotaxis.report.tensorboard;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.chemotaxis.report.AppendedFile;

/**
 * A TensorBoard event file of scalars: {@code tensorboard --logdir} (and tools that sync
 * TensorBoard logs) read it while it grows. Each call appends whole records ({@link AppendedFile}:
 * a write that fails, on a full disk, leaves no part of its record behind), so a reader never
 * sees more than a record being written, which TensorBoard waits out.
 */
public final class EventFileWriter implements Closeable {

    private final AppendedFile out;

    private EventFileWriter(Path file) throws IOException {
        this.out = AppendedFile.open(file, true);
        try {
            write(SummaryEvents.fileVersion(System.currentTimeMillis() / 1000.0));
        } catch (IOException e) {
            out.close();
            // an empty file is no TensorBoard file; it goes, so that tb/ holds only readable ones
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * A new file in {@code dir} (created if needed), named as TensorBoard looks for them:
     * {@code events.out.tfevents.<seconds>.<suffix>}. A resumed run gets a file of its own
     * beside the earlier ones; TensorBoard reads them all, in name order.
     */
    public static EventFileWriter create(Path dir, String suffix) throws IOException {
        long seconds = System.currentTimeMillis() / 1000;
        Path file = dir.resolve("events.out.tfevents." + seconds + "." + suffix);
        try {
            Files.createDirectories(dir);
            for (int n = 1; Files.exists(file); n++) {
                file = dir.resolve("events.out.tfevents." + seconds + "." + suffix + "." + n);
            }
            return new EventFileWriter(file);
        } catch (IOException e) {
            throw AppendedFile.failure(file, e);
        }
    }

    public Path file() {
        return out.file();
    }

    /** The file's length after the last whole record, a mark for {@link #cutBack}. */
    public long size() {
        return out.size();
    }

    /** Undoes the records after {@code mark}. */
    public void cutBack(long mark) {
        out.cutBack(mark);
    }

    /** One step's scalars (stored as 32-bit floats, as TensorBoard's simple_value is). */
    public void scalars(long step, double wallTimeSeconds, Map<String, Double> values) throws IOException {
        write(SummaryEvents.scalars(step, wallTimeSeconds, values));
    }

    private void write(byte[] event) throws IOException {
        out.append(TfRecords.frame(event));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
