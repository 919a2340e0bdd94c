package org.chemotaxis.runtime;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.chemotaxis.report.Picture;
import org.chemotaxis.train.RunRecorder;
import org.chemotaxis.train.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws the best network whenever the coordinator saves a new one, and sends the drawing as a
 * {@link RunEvent.BestPreview}: a {@link RunRecorder} in front of the run's own. The
 * coordinator's thread only copies θ; the drawing (a few worm episodes, a generated wave) is
 * made on a thread of its own, at most one every {@link #MIN_INTERVAL} (the newest best wins,
 * older ones not yet drawn are skipped), so it stays off the training's path however fast epochs
 * come. When the run ends the coordinator saves the same best model again; that call waits until
 * its picture is out, so that it is in the events before RunFinished.
 */
final class BestPreviews implements RunRecorder, AutoCloseable {

    /** Pictures at most this often. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(2);

    /** How long the run's end waits for the last picture. */
    static final Duration END_WAIT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(BestPreviews.class);

    private final RunRecorder files;
    private final Function<double[], Picture> painter;
    private final String runId;
    private final Consumer<RunEvent> sink;
    private final Duration minInterval;
    private final Thread thread;

    // Guarded by this.
    private double[] pendingTheta;
    private long pendingEpoch;
    /** The latest epoch asked for, and the latest whose picture is out (or failed). */
    private long requested = Long.MIN_VALUE;
    private long done = Long.MIN_VALUE;
    private long lastNanos;
    private boolean drawnOnce;
    private boolean hurry;
    private boolean closed;

    /**
     * @param files   the run's recorder (checkpoints and model.json)
     * @param painter θ to its picture; called on this object's thread only
     * @param sink    where the events go (the EventLog)
     */
    BestPreviews(RunRecorder files, Function<double[], Picture> painter, String runId, Consumer<RunEvent> sink) {
        this(files, painter, runId, sink, MIN_INTERVAL);
    }

    BestPreviews(RunRecorder files, Function<double[], Picture> painter, String runId, Consumer<RunEvent> sink,
                 Duration minInterval) {
        this.files = files;
        this.painter = painter;
        this.runId = runId;
        this.sink = sink;
        this.minInterval = minInterval;
        this.thread = new Thread(this::loop, "best-preview");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    @Override
    public String checkpoint(TrainingState state, long epochsDone, String epochRecord) {
        return files.checkpoint(state, epochsDone, epochRecord);
    }

    @Override
    public String model(double[] theta, long epoch, double validationLoss) {
        String path = files.model(theta, epoch, validationLoss);
        boolean again;
        synchronized (this) {
            again = epoch == requested;
            if (!again) {
                pendingTheta = theta.clone();
                pendingEpoch = epoch;
                requested = epoch;
                notifyAll();
            }
        }
        if (again) {
            awaitPicture(epoch);
        }
        return path;
    }

    /** Waits (at most {@link #END_WAIT}) until the picture of {@code epoch} is out, drawing it without delay. */
    private synchronized void awaitPicture(long epoch) {
        hurry = true;
        notifyAll();
        long deadline = System.nanoTime() + END_WAIT.toNanos();
        try {
            while (done < epoch && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("the picture of the best epoch {} is not ready after {} s", epoch + 1, END_WAIT.toSeconds());
                    return;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        try {
            while (true) {
                double[] theta;
                long epoch;
                synchronized (this) {
                    while (!closed) {
                        long left = hurry ? 0 : waitLeftMillis();
                        if (pendingTheta != null && left == 0) {
                            break;
                        }
                        wait(pendingTheta == null ? 0 : left); // 0: until notified
                    }
                    if (closed) {
                        return;
                    }
                    theta = pendingTheta;
                    epoch = pendingEpoch;
                    pendingTheta = null;
                }
                draw(theta, epoch);
                synchronized (this) {
                    done = epoch;
                    lastNanos = System.nanoTime();
                    drawnOnce = true;
                    notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long waitLeftMillis() {
        if (!drawnOnce) {
            return 0;
        }
        long left = lastNanos + minInterval.toNanos() - System.nanoTime();
        return left <= 0 ? 0 : Math.max(1, left / 1_000_000);
    }

    private void draw(double[] theta, long epoch) {
        try {
            Picture p = painter.apply(theta);
            if (p != null) {
                sink.accept(new RunEvent.BestPreview(runId, System.currentTimeMillis(), epoch, p));
            }
        } catch (RuntimeException e) {
            // A picture is a view of the run, never a reason to stop it.
            LOG.warn("no picture of the best network of epoch {}: {}", epoch + 1, e.toString());
        }
    }

    /** Stops the drawing thread; a picture being drawn is dropped. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
    }
}
