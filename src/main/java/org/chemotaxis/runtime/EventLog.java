package org.chemotaxis.runtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.pubsub.Topic;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.chemotaxis.report.AppendedFile;
import org.chemotaxis.report.EventHistory;
import org.chemotaxis.report.RunFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place events are written: events.jsonl (every event, one JSON object a line),
 * metrics.csv (one row per epoch), TensorBoard event files in tb/ (the epoch's scalars, see
 * {@link EpochScalars}), one INFO line per epoch on the console, a live progress line
 * while an epoch runs (only when the console is a terminal), and the cluster topic that
 * observers subscribe to. It keeps the run's events (a resumed run's from events.jsonl as well),
 * so that an observer that joins late (or whose subscription reaches the topic after the first
 * events) can ask for them ({@link Replay}); it is registered with the Receptionist under
 * {@link #SERVICE_KEY} for that.
 */
public final class EventLog extends AbstractBehavior<EventLog.Command> {

    /** The topic every EventLog publishes to and every observer subscribes to. */
    public static final String TOPIC = "chemotaxis-events";

    /** The run folder's subfolder of TensorBoard event files. */
    public static final String TENSORBOARD_DIR = "tb";

    public static final String METRICS_HEADER =
            "epoch,train_loss,validation_loss,metric,steps,forward_passes,seconds,workers,learning_rate,improved,"
                    + "train_episodes,validation_episodes";

    private static final Logger LOG = LoggerFactory.getLogger("chemotaxis");

    /** Observers find the EventLog of a cluster's trainer under this key. */
    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "chemotaxis-event-log");

    /** Events per {@link Replayed} message at most. */
    static final int REPLAY_CHUNK = 100;

    /**
     * Bytes per {@link Replayed} message at most (estimated), far below Artery's 256 KiB frame:
     * pictures of the best network are a few KiB each, other events a few hundred bytes.
     */
    static final int REPLAY_CHUNK_BYTES = 96 * 1024;

    public sealed interface Command {
    }

    /** Asks for every event recorded so far; they come back in order, in {@link Replayed} chunks. */
    public record Replay(ActorRef<Replayed> replyTo) implements Command, CborSerializable {
    }

    /**
     * Asks for every event recorded so far, as {@link Replay} does, and then for every later one
     * as it is recorded (each in a {@link Replayed} of its own), until {@code replyTo} stops. One
     * sender to one receiver: nothing is lost or doubled between the replay and the live events,
     * however late the follower comes (the topic's subscribers are known only once the
     * receptionist's gossip has carried them, seconds later).
     */
    public record Follow(ActorRef<Replayed> replyTo) implements Command, CborSerializable {
    }

    /** A chunk of recorded events, oldest first; {@code last} marks the final chunk of a replay. */
    public record Replayed(List<RunEvent> events, boolean last) implements CborSerializable {
    }

    private record FollowerGone(ActorRef<Replayed> follower) implements Command {
    }

    /** Write an event; {@code ack} (may be null) hears once it is on disk, or why it is not. */
    public record Record(RunEvent event, ActorRef<Recorded> ack) implements Command {
    }

    /**
     * The answer to a {@link Record}: {@code failure} is null when the event is in the files (or
     * the log keeps none), else why the files cannot be written: the event is not in them.
     */
    public record Recorded(String failure) {
    }

    /** Where the current epoch is; shown on a terminal only, never stored. */
    public record Progress(long epoch, long epochs, int step, int stepsPerEpoch, double loss) implements Command {
    }

    /** One mapper for the JSON lines, shared with readers of events.jsonl. */
    public static final ObjectMapper JSON = JsonMapper.builder().build();

    private final RunEventFiles files;
    private final Consumer<String> onFailure;
    /** The first write that failed; from then on nothing more goes into the files (see {@link #onRecord}). */
    private String failure;
    private final ActorRef<Topic.Command<RunEvent>> topic;
    private final boolean terminal;
    private final List<RunEvent> history = new ArrayList<>();
    private final Set<ActorRef<Replayed>> followers = new HashSet<>();
    private boolean progressShown;
    private long epochs;
    private final Eta eta = new Eta();

    private EventLog(ActorContext<Command> context, Path runDir, ActorRef<Topic.Command<RunEvent>> topic,
                     Consumer<String> onFailure) {
        super(context);
        this.topic = topic;
        this.onFailure = onFailure;
        context.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, context.getSelf()));
        this.terminal = System.console() != null;
        RunEventFiles opened = null;
        if (runDir != null) {
            try {
                readEarlierEvents(runDir.resolve(RunFolder.EVENTS), history);
                opened = RunEventFiles.open(runDir);
            } catch (IOException e) {
                fail(e.getMessage() != null ? e.getMessage() : "cannot open the event files in " + runDir + ": " + e);
            }
        }
        this.files = opened;
    }

    /**
     * Reads the events a resumed run recorded before (so that a replay covers the whole run, not
     * only this JVM's part). Lines torn by a kill are skipped ({@link EventHistory}; train
     * --resume has checked the file and warned about them before the run started), and so are
     * events of a type this version does not know.
     */
    static void readEarlierEvents(Path eventsFile, List<RunEvent> into) throws IOException {
        EventHistory.Read read;
        try {
            read = EventHistory.read(eventsFile);
        } catch (org.chemotaxis.config.BadInputException e) {
            throw new IOException(e.getMessage(), e);
        }
        for (com.fasterxml.jackson.databind.JsonNode node : read.events()) {
            try {
                into.add(JSON.treeToValue(node, RunEvent.class));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                LOG.debug("skipping an unreadable event of {}: {}", eventsFile, e.getMessage());
            }
        }
    }

    /**
     * @param runDir where events.jsonl and metrics.csv go (appended to); null for none
     * @param topic  where events are published; null for none
     */
    public static Behavior<Command> create(Path runDir, ActorRef<Topic.Command<RunEvent>> topic) {
        return create(runDir, topic, reason -> { });
    }

    /**
     * @param onFailure hears, once, why the files cannot be written (one line naming the file and
     *                  the cause); the run cannot go on recorded and should stop
     */
    public static Behavior<Command> create(Path runDir, ActorRef<Topic.Command<RunEvent>> topic,
                                           Consumer<String> onFailure) {
        return Behaviors.setup(ctx -> new EventLog(ctx, runDir, topic, onFailure));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Record.class, this::onRecord)
                .onMessage(Progress.class, this::onProgress)
                .onMessage(Replay.class, this::onReplay)
                .onMessage(Follow.class, this::onFollow)
                .onMessage(FollowerGone.class, g -> {
                    followers.remove(g.follower());
                    return this;
                })
                .onSignal(PostStop.class, s -> close())
                .build();
    }

    /**
     * Writes the event to its files, whole or not at all. After a failed write (a full disk)
     * nothing more is written, not even an event that would fit: the files stay a whole prefix
     * of the run's events, which a resume completes from the checkpoint. The run hears of the
     * failure at once ({@code onFailure}) and in every later acknowledgement.
     */
    private Behavior<Command> onRecord(Record r) {
        RunEvent e = r.event();
        history.add(e);
        clearProgress();
        if (files != null && failure == null) {
            try {
                files.write(e);
            } catch (IOException ex) {
                fail(ex.getMessage());
            }
        }
        console(e);
        if (topic != null) {
            topic.tell(Topic.publish(e));
        }
        for (ActorRef<Replayed> f : followers) {
            f.tell(new Replayed(List.of(e), true));
        }
        if (r.ack() != null) {
            r.ack().tell(new Recorded(failure));
        }
        return this;
    }

    private void fail(String reason) {
        if (failure == null) {
            failure = reason;
            onFailure.accept(reason);
        }
    }

    private Behavior<Command> onFollow(Follow f) {
        onReplay(new Replay(f.replyTo()));
        if (followers.add(f.replyTo())) {
            getContext().watchWith(f.replyTo(), new FollowerGone(f.replyTo()));
        }
        return this;
    }

    private Behavior<Command> onReplay(Replay r) {
        int n = history.size();
        int from = 0;
        do {
            int to = from;
            int bytes = 0;
            while (to < n && to - from < REPLAY_CHUNK && (to == from || bytes + bytes(history.get(to)) <= REPLAY_CHUNK_BYTES)) {
                bytes += bytes(history.get(to));
                to++;
            }
            r.replyTo().tell(new Replayed(List.copyOf(history.subList(from, to)), to == n));
            from = to;
        } while (from < n);
        return this;
    }

    /** A generous estimate of an event's size in CBOR. */
    static int bytes(RunEvent e) {
        if (e instanceof RunEvent.BestPreview p) {
            return 200 + p.picture().approximateBytes();
        }
        if (e instanceof RunEvent.RunStarted s && s.config() != null) {
            return 600 + 2 * s.config().length();
        }
        return 600;
    }

    private void console(RunEvent e) {
        if (e instanceof RunEvent.RunStarted s) {
            epochs = s.epochs();
            if (s.startEpoch() >= s.epochs()) {
                LOG.info("run {}: all {} epochs are done already -> {}", s.name(), s.epochs(), s.runDir());
                return;
            }
            // Workers register after the start (the "workers:" line follows), so none are counted here.
            LOG.info("run {}: {} parameters, {} estimator, {} optimizer, epochs {}..{}, {} steps/epoch -> {}",
                    s.name(), s.parameters(), s.estimator(), s.optimizer(), s.startEpoch() + 1, s.epochs(),
                    s.stepsPerEpoch(), s.runDir());
        } else if (e instanceof RunEvent.EpochEnded ep) {
            eta.epochEnded(ep.seconds());
            String left = ep.epoch() + 1 < epochs ? "  " + eta.left(epochs - ep.epoch() - 1, 0) : "";
            // Copies of slow tasks given to idle workers (a straggler) are worth a word; none is the rule.
            String copies = ep.speculativeTasks() > 0 ? "  " + ep.speculativeTasks() + " slow task(s) copied" : "";
            LOG.info(String.format(Locale.ROOT, "epoch %d/%d  train %.4e  val %.4e  %s %.4f  %.2f s  %d %s%s%s%s",
                    ep.epoch() + 1, epochs, ep.trainLoss(), ep.validationLoss(), ep.metricName(), ep.metric(),
                    ep.seconds(), ep.workers(), ep.workers() == 1 ? "worker" : "workers", copies, left,
                    ep.improved() ? "  *best" : ""));
        } else if (e instanceof RunEvent.EarlyStopped s) {
            LOG.info("early stop after epoch {}: no improvement for {} epochs; best epoch {} (val {})",
                    s.epoch() + 1, s.patience(), s.bestEpoch() + 1, s.bestValidationLoss());
        } else if (e instanceof RunEvent.RunFinished f) {
            LOG.info(String.format(Locale.ROOT, "finished: %d epochs, %d steps, %d forward passes in %.1f s; best epoch %d (val %.4e); model %s",
                    f.epochs(), f.steps(), f.forwardPasses(), f.seconds(), f.bestEpoch() + 1, f.bestValidationLoss(), f.modelPath()));
        } else if (e instanceof RunEvent.Failed f) {
            if (AppendedFile.isWriteFailure(f.reason())) {
                // said once, by the command's line that also says how to continue
                return;
            }
            LOG.error("run failed at epoch {}, step {}: {}", f.epoch() + 1, f.step(), f.reason());
        } else if (e instanceof RunEvent.WorkersChanged w) {
            LOG.info("workers: {} {}", w.workers(), w.workersByNode());
        } else if (e instanceof RunEvent.WorkerDeclined d) {
            LOG.warn("a worker on {} declined the run: {}", d.node(), d.reason());
        } else if (e instanceof RunEvent.NodeUnreachable u) {
            LOG.warn("node {} is unreachable at step {}: {} task(s) handed out again", u.node(), u.step(), u.tasksRequeued());
        } else if (e instanceof RunEvent.Interrupted i) {
            LOG.info("interrupted after epoch {} ({})", i.epochs(), i.reason());
        } else if (e instanceof RunEvent.RunExtended x) {
            LOG.info("training.epochs {} -> {} ({} done)", x.fromEpochs(), x.toEpochs(), x.epochsDone());
        } else if (e instanceof RunEvent.WarmStarted w) {
            LOG.info("initial parameters from {} (epoch {}, {})", w.model(), w.modelEpoch() + 1, w.paramsSha256());
        } else if (e instanceof RunEvent.Checkpointed c) {
            LOG.debug("checkpoint after epoch {} -> {}", c.epoch() + 1, c.path());
        } else if (e instanceof RunEvent.BestPreview p) {
            LOG.debug("picture of the best network (epoch {}): {}", p.epoch() + 1, p.picture().title());
        }
    }

    private Behavior<Command> onProgress(Progress p) {
        if (terminal) {
            double doneOfEpoch = p.stepsPerEpoch() > 0 ? (double) p.step() / p.stepsPerEpoch() : 0;
            System.err.printf(Locale.ROOT, "\r\033[K  epoch %d/%d  step %d/%d  loss %.4e  %s", p.epoch() + 1, p.epochs(),
                    p.step(), p.stepsPerEpoch(), p.loss(), eta.left(p.epochs() - p.epoch() - 1, 1 - doneOfEpoch));
            System.err.flush();
            progressShown = true;
        }
        return this;
    }

    private void clearProgress() {
        if (progressShown) {
            System.err.print("\r\033[K");
            System.err.flush();
            progressShown = false;
        }
    }

    private Behavior<Command> close() {
        clearProgress();
        if (files != null) {
            try {
                files.close();
            } catch (IOException e) {
                LOG.warn("cannot close the event files: {}", e.getMessage());
            }
        }
        return this;
    }

    /**
     * Appends one event to a run folder's events.jsonl before the run's actors start (a
     * resumed run's extension, a warm start), so that it is in the history observers replay.
     */
    public static void append(Path runDir, RunEvent e) {
        Path file = runDir.resolve(RunFolder.EVENTS);
        try {
            boolean torn = RunEventFiles.endsMidLine(file);
            try (AppendedFile out = AppendedFile.open(file, false)) {
                if (torn) {
                    out.append(new byte[] {'\n'});
                }
                out.append(RunEventFiles.lineBytes(e));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(AppendedFile.failure(file, ex).getMessage(), ex);
        }
    }

    /** Serialises an event as its events.jsonl line. */
    public static String toJson(RunEvent e) {
        try {
            return JSON.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
