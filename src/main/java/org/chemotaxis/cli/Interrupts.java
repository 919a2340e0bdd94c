package org.chemotaxis.cli;

import akka.actor.typed.ActorRef;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.chemotaxis.runtime.Coordinator;

/**
 * Ctrl-C and SIGTERM during training: the JVM's shutdown hook asks the coordinator to stop after
 * the epoch under way (its checkpoint and an Interrupted event are written as after any epoch)
 * and waits for that, at most {@link #GRACE_SECONDS}; then it says how to continue. The JVM
 * exits with 130 (SIGINT) or 143 (SIGTERM). The checkpoint of the epoch before is on disk in any
 * case: a run stopped by anything can be resumed from its last completed epoch.
 */
final class Interrupts implements AutoCloseable {

    /** How long a stop waits for the epoch under way to end and be written. */
    static final long GRACE_SECONDS = 20;

    private final Path runDir;
    /** The run folder's lock: released here too, since the JVM halts once the hooks are done. */
    private final AutoCloseable lock;
    private final AtomicReference<ActorRef<Coordinator.Command>> coordinator = new AtomicReference<>();
    private final CountDownLatch runOver = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean stopping;

    private Interrupts(Path runDir, AutoCloseable lock) {
        this.runDir = runDir;
        this.lock = lock;
        this.hook = new Thread(this::onShutdown, "interrupt-handler");
    }

    /** Installs the hook for the run in {@code runDir}; closing it removes the hook again. */
    static Interrupts install(Path runDir, AutoCloseable lock) {
        Interrupts i = new Interrupts(runDir, lock);
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    void coordinator(ActorRef<Coordinator.Command> ref) {
        coordinator.set(ref);
    }

    /** Whether a signal stopped the run (the outcome then is INTERRUPTED). */
    boolean stopping() {
        return stopping;
    }

    static String resumeLine(Path runDir, long epochs) {
        return "interrupted after epoch " + epochs + "; continue with: bin/chemotaxis train --resume " + runDir;
    }

    private void onShutdown() {
        stopping = true;
        ActorRef<Coordinator.Command> c = coordinator.get();
        if (c != null) {
            c.tell(Coordinator.StopAfterEpoch.INSTANCE);
        }
        try {
            if (!runOver.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("stopped before the epoch under way ended; continue from the last checkpoint with:"
                        + " bin/chemotaxis train --resume " + runDir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            lock.close();
        } catch (Exception ignored) {
            // a lock left behind is stale and taken over by the next run
        }
    }

    /** The run is over (finished, failed or stopped and reported): a shutdown no longer waits for it. */
    @Override
    public void close() {
        runOver.countDown();
        if (!stopping) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs and returns at once: the run is over
            }
        }
    }
}
