package org.chemotaxis.report;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file that grows by whole records (events.jsonl, metrics.csv, a TensorBoard file), written by
 * one process at a time (the run folder's lock): an append writes all its bytes, or, when a
 * write fails (a full disk), the file is cut back to where it was before it, so that no reader
 * and no resume meets half a record of a failed write. {@link #size} and {@link #cutBack} let a
 * writer undo several appends that belong together (an epoch's line in each file).
 */
public final class AppendedFile implements Closeable {

    private final Path file;
    private final FileChannel channel;
    /** The length after the last whole append: where the next one goes. */
    private long size;

    private AppendedFile(Path file, FileChannel channel, long size) {
        this.file = file;
        this.channel = channel;
        this.size = size;
    }

    /** Opens {@code file} for appending, creating it (or, with {@code createNew}, only creating it). */
    public static AppendedFile open(Path file, boolean createNew) throws IOException {
        FileChannel ch = createNew
                ? FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return new AppendedFile(file, ch, ch.size());
    }

    public Path file() {
        return file;
    }

    public long size() {
        return size;
    }

    /**
     * Appends {@code bytes} whole.
     *
     * @throws IOException whose message names the file and the cause ("cannot write FILE: no
     *                     space left on device"); the file is as it was before the call
     */
    public void append(byte[] bytes) throws IOException {
        try {
            Disk.write(file, channel, ByteBuffer.wrap(bytes), size);
        } catch (IOException e) {
            cutBackQuietly(size);
            throw failure(file, e);
        }
        size += bytes.length;
    }

    /** Undoes the appends after {@code mark} (an earlier {@link #size}); best effort, since it runs after a failure. */
    public void cutBack(long mark) {
        if (mark < size) {
            cutBackQuietly(mark);
            size = mark;
        }
    }

    private void cutBackQuietly(long length) {
        try {
            // Cutting a file needs no free space: it works on a full disk.
            channel.truncate(length);
        } catch (IOException ignored) {
            // the half record stays; a resume skips it as it skips a line cut by a kill
        }
    }

    /** The one-line reason of a failed write to {@code file} (a failure said so already stays as it is). */
    public static IOException failure(Path file, IOException cause) {
        return cause instanceof WriteFailure ? cause : new WriteFailure(file, cause);
    }

    /** Whether {@code reason} is the one line of a failed write. */
    public static boolean isWriteFailure(String reason) {
        return reason != null && reason.startsWith(WriteFailure.PREFIX);
    }

    /** A write that failed, in one line: "cannot write FILE: CAUSE". */
    public static final class WriteFailure extends IOException {
        private static final long serialVersionUID = 1L;
        static final String PREFIX = "cannot write ";

        WriteFailure(Path file, IOException cause) {
            super(PREFIX + file + ": " + FileProblems.why(cause), cause);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
