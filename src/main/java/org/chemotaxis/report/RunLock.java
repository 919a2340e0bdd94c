package org.chemotaxis.report;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.Limits;

/**
 * The lock of a run folder, held by the one process that trains into it ({@code train}, {@code
 * train --resume}), so that two of them never interleave metrics and events. It is the file
 * {@code run.lock} in the folder, which says who holds it while a run is active:
 *
 * <pre>
 * pid=12345
 * host=node-a
 * since=2026-12-07T01:34:56.123Z
 * </pre>
 *
 * together with an operating-system lock on that file, which the system drops when the process
 * ends in any way (also SIGKILL). When a run ends the file is emptied, not removed: removing it
 * would let a process that opened it just before lock a file no longer in the folder. A file with
 * a holder's lines that nobody holds is stale (its process died) and is taken over, with a warning.
 *
 * <p>POSIX drops a process's locks on a file when it closes any descriptor of that file, so the
 * holder never opens the file a second time: within a JVM the held locks are known here, and a
 * second attempt is refused without touching the file.
 */
public final class RunLock implements AutoCloseable {

    public static final String FILE = "run.lock";

    /** The locks this JVM holds, by the folder's real path. */
    private static final Map<Path, RunLock> HELD = new HashMap<>();

    private final Path key;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String content;
    private boolean closed;

    private RunLock(Path key, Path file, FileChannel channel, FileLock lock, String content) {
        this.key = key;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.content = content;
    }

    /**
     * Takes the lock of {@code runDir}.
     *
     * @throws BadInputException naming the holder when another process (or another run in this
     *                           JVM) holds it
     */
    public static RunLock acquire(Path runDir) {
        Path file = runDir.resolve(FILE);
        synchronized (HELD) {
            Path key = realPath(runDir);
            RunLock mine = HELD.get(key);
            if (mine != null) {
                throw inUse(runDir, file, mine.content);
            }
            FileChannel ch = null;
            try {
                ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    String holder = read(ch);
                    ch.close();
                    throw inUse(runDir, file, holder);
                }
                String stale = read(ch);
                String me = "pid=" + ProcessHandle.current().pid() + "\nhost=" + host() + "\nsince=" + Instant.now() + "\n";
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
                ch.force(true);
                if (!stale.isBlank()) {
                    System.err.println("warning: took over the stale lock of " + describe(stale) + " in " + file
                            + " (no process holds it any more)");
                }
                RunLock l = new RunLock(key, file, ch, lock, me);
                HELD.put(key, l);
                return l;
            } catch (IOException e) {
                closeQuietly(ch);
                throw new BadInputException("cannot lock run folder " + runDir + ": " + FileProblems.why(e));
            }
        }
    }

    /**
     * Refuses a folder that some process trains into right now, without taking its lock: a resume
     * asks first, since the files it checks change under an active run (and would be reported as
     * damaged). {@link #acquire} decides in the end.
     */
    public static void checkFree(Path runDir) {
        Path file = runDir.resolve(FILE);
        synchronized (HELD) {
            RunLock mine = HELD.get(realPath(runDir));
            if (mine != null) {
                throw inUse(runDir, file, mine.content);
            }
            if (!Files.isRegularFile(file)) {
                return;
            }
            // This JVM holds no lock on the file, so opening and closing it here releases nothing.
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    throw inUse(runDir, file, read(ch));
                }
                lock.release();
            } catch (IOException e) {
                // acquire() reports what is wrong with the file
            }
        }
    }

    /** Whether some process (this one included) holds the lock of {@code runDir}. */
    public static boolean isHeld(Path runDir) {
        Path file = runDir.resolve(FILE);
        synchronized (HELD) {
            if (HELD.containsKey(realPath(runDir))) {
                return true;
            }
            if (!Files.isRegularFile(file)) {
                return false;
            }
            // This JVM holds no lock on the file, so opening and closing it here releases nothing.
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    return true;
                }
                lock.release();
                return false;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** Empties the file (the run is over), then lets go of the lock. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            HELD.remove(key);
            try {
                channel.truncate(0);
                channel.force(true);
            } catch (IOException ignored) {
                // the lines stay; without a holder they are stale and the next run takes them over
            }
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it as well
            }
            closeQuietly(channel);
        }
    }

    /** The lock file, for messages. */
    public Path file() {
        return file;
    }

    private static BadInputException inUse(Path runDir, Path file, String holder) {
        return new BadInputException("run folder " + runDir + " is in use by " + describe(holder) + " (" + file
                + "); wait until that run ends");
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new BadInputException("cannot lock run folder " + dir + ": " + FileProblems.why(e));
        }
    }

    /** Reads the file through the channel that holds (or tries) the lock: a second descriptor would drop the lock. */
    private static String read(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
        while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
            // read on until the buffer is full or the file ends
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    private static String describe(String content) {
        String pid = field(content, "pid");
        String host = field(content, "host");
        String since = field(content, "since");
        if (pid == null) {
            return "another process";
        }
        return "pid " + pid + (host != null ? " on " + host : "") + (since != null ? " since " + since : "");
    }

    private static String field(String content, String key) {
        for (String line : content.split("\n")) {
            if (line.startsWith(key + "=")) {
                String v = line.substring(key.length() + 1).strip();
                return v.isEmpty() ? null : Limits.printable(v);
            }
        }
        return null;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
