package org.chemotaxis.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.chemotaxis.report.Disk;

/**
 * A disk that fills up at one chosen write, as a real one does: that write puts down a part of
 * its bytes and fails with "No space left on device"; every later write fails the same way
 * ({@link #staysFull}) or, for the harder case, goes through again (space came back by itself).
 * Which write: the {@code occurrence}-th one to a file of that name (a file in tb/ is named
 * "tb") whose bytes begin like {@code content}.
 */
final class FillingDisk implements Disk.Device {

    static final String NO_SPACE = "No space left on device";

    private final String fileName;
    private final Predicate<String> content;
    private final int occurrence;
    private final boolean staysFull;
    private int seen;
    private boolean full;
    private Path failedFile;
    /** Every file a write to which failed, in the order they failed (the first is {@link #failedFile}). */
    private final List<Path> refused = new ArrayList<>();

    private FillingDisk(String fileName, Predicate<String> content, int occurrence, boolean staysFull) {
        this.fileName = fileName;
        this.content = content;
        this.occurrence = occurrence;
        this.staysFull = staysFull;
    }

    /** Full from the {@code occurrence}-th matching write on. */
    static FillingDisk at(String fileName, Predicate<String> content, int occurrence) {
        return new FillingDisk(fileName, content, occurrence, true);
    }

    /** Only the {@code occurrence}-th matching write fails. */
    static FillingDisk once(String fileName, Predicate<String> content, int occurrence) {
        return new FillingDisk(fileName, content, occurrence, false);
    }

    /** An events.jsonl line of {@code type} (for an epoch's events: of {@code epoch}, else any). */
    static Predicate<String> event(String type, int epoch) {
        return s -> s.startsWith("{\"event\":\"" + type + "\"") && (epoch < 0 || s.contains(",\"epoch\":" + epoch + ","));
    }

    static Predicate<String> any() {
        return s -> true;
    }

    /** The file whose write failed, or null while none did. */
    synchronized Path failedFile() {
        return failedFile;
    }

    /** The files whose writes failed, the one that filled the disk first; later ones only while it {@link #staysFull}. */
    synchronized List<Path> refusedFiles() {
        return List.copyOf(refused);
    }

    @Override
    public synchronized void write(Path file, FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        if (full && staysFull) {
            refused.add(file);
            throw new IOException(NO_SPACE);
        }
        if (!full && matches(file, bytes) && ++seen == occurrence) {
            full = true;
            failedFile = file;
            refused.add(file);
            // a part of the bytes reaches the file before the disk is full
            ByteBuffer part = bytes.duplicate();
            part.limit(part.position() + part.remaining() / 2);
            Disk.REAL.write(file, channel, part, position);
            throw new IOException(NO_SPACE);
        }
        Disk.REAL.write(file, channel, bytes, position);
    }

    private boolean matches(Path file, ByteBuffer bytes) {
        Path parent = file.getParent();
        String name = parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("tb")
                ? "tb" : file.getFileName().toString();
        if (!name.equals(fileName)) {
            return false;
        }
        ByteBuffer head = bytes.duplicate();
        byte[] b = new byte[Math.min(head.remaining(), 4096)];
        head.get(b);
        return content.test(new String(b, StandardCharsets.UTF_8));
    }
}
