package org.chemotaxis.report.tensorboard;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A TensorBoard event file of scalars: {@code tensorboard --logdir} (and tools that sync
 * TensorBoard logs) read it while it grows. Each call appends whole records and flushes, so a
 * reader never sees more than a torn last record, which TensorBoard waits out.
 */
public final class EventFileWriter implements Closeable {

    private final Path file;
    private final OutputStream out;

    private EventFileWriter(Path file) throws IOException {
        this.file = file;
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        write(SummaryEvents.fileVersion(System.currentTimeMillis() / 1000.0));
    }

    /**
     * A new file in {@code dir} (created if needed), named as TensorBoard looks for them:
     * {@code events.out.tfevents.<seconds>.<suffix>}. A resumed run gets a file of its own
     * beside the earlier ones; TensorBoard reads them all, in name order.
     */
    public static EventFileWriter create(Path dir, String suffix) throws IOException {
        Files.createDirectories(dir);
        long seconds = System.currentTimeMillis() / 1000;
        Path file = dir.resolve("events.out.tfevents." + seconds + "." + suffix);
        for (int n = 1; Files.exists(file); n++) {
            file = dir.resolve("events.out.tfevents." + seconds + "." + suffix + "." + n);
        }
        return new EventFileWriter(file);
    }

    public Path file() {
        return file;
    }

    /** One step's scalars (stored as 32-bit floats, as TensorBoard's simple_value is). */
    public void scalars(long step, double wallTimeSeconds, Map<String, Double> values) throws IOException {
        write(SummaryEvents.scalars(step, wallTimeSeconds, values));
    }

    private void write(byte[] event) throws IOException {
        out.write(TfRecords.frame(event));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
