package org.chemotaxis.runtime;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;
import org.chemotaxis.report.Picture;

/**
 * What happens in a run, as the EventLog writes it to events.jsonl (one JSON object per line,
 * the type in field "event") and publishes it to observers. Field names are snake_case.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RunEvent.RunStarted.class, name = "RunStarted"),
    @JsonSubTypes.Type(value = RunEvent.EpochEnded.class, name = "EpochEnded"),
    @JsonSubTypes.Type(value = RunEvent.EarlyStopped.class, name = "EarlyStopped"),
    @JsonSubTypes.Type(value = RunEvent.Checkpointed.class, name = "Checkpointed"),
    @JsonSubTypes.Type(value = RunEvent.WorkersChanged.class, name = "WorkersChanged"),
    @JsonSubTypes.Type(value = RunEvent.NodeUnreachable.class, name = "NodeUnreachable"),
    @JsonSubTypes.Type(value = RunEvent.WorkerDeclined.class, name = "WorkerDeclined"),
    @JsonSubTypes.Type(value = RunEvent.RunFinished.class, name = "RunFinished"),
    @JsonSubTypes.Type(value = RunEvent.Failed.class, name = "Failed"),
    @JsonSubTypes.Type(value = RunEvent.Interrupted.class, name = "Interrupted"),
    @JsonSubTypes.Type(value = RunEvent.RunExtended.class, name = "RunExtended"),
    @JsonSubTypes.Type(value = RunEvent.WarmStarted.class, name = "WarmStarted"),
    @JsonSubTypes.Type(value = RunEvent.BestPreview.class, name = "BestPreview"),
})
public sealed interface RunEvent extends CborSerializable {

    String runId();

    /** Wall-clock time of the event, epoch milliseconds. */
    long time();

    /** {@code config}: the resolved config (as config.yml holds it); null in runs recorded before it was added. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RunStarted(String runId, long time, String name, String runDir, int parameters, String model,
                      String estimator, String optimizer, long epochs, int stepsPerEpoch, long startEpoch,
                      int workers, String config) implements RunEvent {
    }

    /**
     * One epoch: mean training loss over its steps (at the parameters each step started from),
     * validation loss after it, the experiment's metric (named in {@code metricName}), counts
     * and time. {@code tasksByNode} counts finished tasks per node address, this epoch (a task
     * computed twice counts once, for the node whose result came first).
     * {@code trainEpisodes} and {@code validationEpisodes} are the episodes (items: worm runs,
     * sequences) run so far in the whole run, by training steps and by validations (0 in events
     * recorded before they were counted). {@code speculativeTasks}: the running tasks that were
     * also given to an idle worker on another node this epoch, because they took too long (0 in
     * events recorded before it was added).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EpochEnded(String runId, long time, long epoch, double trainLoss, double validationLoss,
                      String metricName, double metric, long steps, long forwardPasses, double seconds,
                      int workers, double learningRate, boolean improved,
                      Map<String, Integer> tasksByNode, long trainEpisodes, long validationEpisodes,
                      int speculativeTasks) implements RunEvent {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EarlyStopped(String runId, long time, long epoch, long bestEpoch, double bestValidationLoss,
                        int patience) implements RunEvent {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Checkpointed(String runId, long time, long epoch, long step, String path) implements RunEvent {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WorkersChanged(String runId, long time, int workers, Map<String, Integer> workersByNode) implements RunEvent {
    }

    /** A worker could not take part in the run (e.g. it lacks the problem's plugin, or has another build of it). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WorkerDeclined(String runId, long time, String node, String reason) implements RunEvent {
    }

    /** A cluster node stopped answering; the tasks it held went back to the queue. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NodeUnreachable(String runId, long time, String node, long step, int tasksRequeued) implements RunEvent {
    }

    /**
     * The end of a successful run. {@code paramsSha256} identifies the saved model (the best
     * validation epoch's parameters, see {@link org.chemotaxis.report.ParameterHash});
     * {@code lastParamsSha256} the parameters after the last step.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RunFinished(String runId, long time, long epochs, long steps, long forwardPasses, double seconds,
                       long bestEpoch, double bestValidationLoss, String paramsSha256, String lastParamsSha256,
                       String modelPath) implements RunEvent {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Failed(String runId, long time, long epoch, long step, String reason) implements RunEvent {
    }

    /** The run stopped on request (SIGINT, SIGTERM) after the checkpoint of {@code epochs} epochs; resume continues it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Interrupted(String runId, long time, long epochs, long step, String reason) implements RunEvent {
    }

    /** A resumed run was given more (or fewer) epochs: training.epochs went from {@code fromEpochs} to {@code toEpochs}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RunExtended(String runId, long time, long epochsDone, long fromEpochs, long toEpochs) implements RunEvent {
    }

    /** The run started from another run's saved model instead of fresh initial weights. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WarmStarted(String runId, long time, String model, long modelEpoch, String paramsSha256) implements RunEvent {
    }

    /**
     * What the best network so far (of epoch {@code epoch}, the one model.json holds) does, drawn
     * small for the dashboard: worm paths from fixed starts, or target vs closed-loop generation.
     * Made off the training's path after an epoch improves (not for every one when they come
     * fast); the run's final best is shown before RunFinished.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BestPreview(String runId, long time, long epoch, Picture picture) implements RunEvent {
    }
}
