package org.chemotaxis.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the bytes of a run's files are written: {@link AtomicFiles} (checkpoint, model, config,
 * plots, report) and {@link AppendedFile} (events, metrics, TensorBoard) write through here. The
 * one seam that lets a test give the run a full disk at any of its writes, without a full disk:
 * {@link #simulate} puts a {@link Device} in front of the real one for the writes of this JVM.
 */
public final class Disk {

    /** Writes every remaining byte of a buffer at a position of a file, or throws. */
    public interface Device {
        /**
         * @param file    the file the bytes are for (for an atomic write: its target, not the temporary file)
         * @param channel the open file
         */
        void write(Path file, FileChannel channel, ByteBuffer bytes, long position) throws IOException;
    }

    /** The operating system's disk. */
    public static final Device REAL = (file, channel, bytes, position) -> {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    };

    private static volatile Device device = REAL;

    private Disk() {
    }

    static void write(Path file, FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        device.write(file, channel, bytes, position);
    }

    /**
     * Routes this JVM's writes through {@code simulated} (which may fail them, or write a part
     * and then fail, as a disk that fills up does) until the returned handle is closed.
     */
    public static AutoCloseable simulate(Device simulated) {
        Objects.requireNonNull(simulated);
        device = simulated;
        return () -> device = REAL;
    }
}
