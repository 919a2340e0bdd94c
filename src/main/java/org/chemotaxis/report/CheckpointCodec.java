package org.chemotaxis.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chemotaxis.optim.OptimizerState;
import org.chemotaxis.perturb.EstimatorState;
import org.chemotaxis.train.EarlyStoppingRule;
import org.chemotaxis.train.TrainingState;

/**
 * A checkpoint as JSON: the training state with every double written in a form that reads back
 * to the same bits (Java's shortest round-trip decimal; infinities as "Infinity"), plus the
 * SHA-256 of theta so that a damaged file is recognised instead of half-used.
 *
 * <p>{@code epoch_record} (optional) is the EpochEnded event of the epoch the checkpoint
 * completes, as its line of events.jsonl: the checkpoint is written first, so if the event files
 * cannot be written after it (a full disk), a resume writes the record from here.
 *
 * <p>Format 2 adds the estimator's adaptive state ({@code "estimator"}: type and named buffers).
 * Format 1, written before estimators kept state, still loads: its estimator state is
 * {@link EstimatorState#NONE}, which is what every estimator of that time had.
 */
public final class CheckpointCodec {

    public static final String FORMAT = "chemotaxis-checkpoint/2";

    /** The format before the estimator's state was saved: read, never written. */
    static final String FORMAT_1 = "chemotaxis-checkpoint/1";

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private CheckpointCodec() {
    }

    public static String encode(TrainingState s, String runId, long epochsDone) {
        return encode(s, runId, epochsDone, null);
    }

    /**
     * @param epochRecord the event of the epoch this checkpoint completes, one JSON line (null
     *                    for none), which a resume writes to the event files if they lack it
     */
    public static String encode(TrainingState s, String runId, long epochsDone, String epochRecord) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("run_id", runId);
        root.put("epochs_done", epochsDone);
        root.put("step", s.step());
        double[] theta = s.theta();
        root.put("theta_sha256", ParameterHash.sha256(theta));
        root.set("theta", array(theta));
        ObjectNode opt = root.putObject("optimizer");
        opt.put("type", s.optimizer().type());
        opt.put("steps", s.optimizer().steps());
        ObjectNode buffers = opt.putObject("buffers");
        s.optimizer().buffers().forEach((k, v) -> buffers.set(k, array(v)));
        ObjectNode est = root.putObject("estimator");
        est.put("type", s.estimator().type());
        ObjectNode estBuffers = est.putObject("buffers");
        s.estimator().buffers().forEach((k, v) -> estBuffers.set(k, array(v)));
        ObjectNode stop = root.putObject("stopping");
        stop.put("best_loss", s.stopping().bestLoss());
        stop.put("best_epoch", s.stopping().bestEpoch());
        stop.put("epochs_without_improvement", s.stopping().epochsWithoutImprovement());
        root.set("best_theta", array(s.bestTheta()));
        if (epochRecord != null) {
            root.put("epoch_record", epochRecord);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A decoded checkpoint: the state, the run it belongs to and the record of its last epoch
     * (one JSON line; null in checkpoints written before it was kept).
     */
    public record Decoded(TrainingState state, String runId, long epochsDone, String epochRecord) {
    }

    /**
     * @throws IllegalArgumentException with a one-line reason when the text is not a complete,
     *                                  consistent checkpoint
     */
    public static Decoded decode(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (truncated?): " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("empty or not a JSON object");
        }
        String format = text(root, "format");
        if (!FORMAT.equals(format) && !FORMAT_1.equals(format)) {
            throw new IllegalArgumentException("format is '" + format + "', expected '" + FORMAT + "' (or '"
                    + FORMAT_1 + "')");
        }
        double[] theta = doubles(root, "theta");
        String sha = text(root, "theta_sha256");
        if (!ParameterHash.sha256(theta).equals(sha)) {
            throw new IllegalArgumentException("theta does not match its theta_sha256");
        }
        JsonNode opt = object(root, "optimizer");
        Map<String, double[]> buffers = buffers(object(opt, "buffers"));
        for (Map.Entry<String, double[]> b : buffers.entrySet()) {
            if (b.getValue().length != theta.length) {
                throw new IllegalArgumentException("optimizer buffer '" + b.getKey() + "' has " + b.getValue().length
                        + " values, theta " + theta.length);
            }
        }
        OptimizerState optimizer = new OptimizerState(text(opt, "type"), count(opt, "steps", 0), buffers);
        EstimatorState estimator = EstimatorState.NONE;
        if (FORMAT.equals(format)) {
            JsonNode est = object(root, "estimator");
            estimator = new EstimatorState(text(est, "type"), buffers(object(est, "buffers")));
        }
        JsonNode stop = object(root, "stopping");
        double bestLoss = number(stop, "best_loss").asDouble();
        if (Double.isNaN(bestLoss)) {
            throw new IllegalArgumentException("field 'best_loss' is NaN");
        }
        EarlyStoppingRule.State stopping = new EarlyStoppingRule.State(bestLoss, count(stop, "best_epoch", -1),
                (int) Math.min(Integer.MAX_VALUE, count(stop, "epochs_without_improvement", 0)));
        double[] best = doubles(root, "best_theta");
        if (best.length != theta.length) {
            throw new IllegalArgumentException("best_theta has " + best.length + " values, theta " + theta.length);
        }
        TrainingState state = new TrainingState(count(root, "step", 0), theta, optimizer, estimator, stopping, best);
        String record = null;
        if (root.has("epoch_record")) {
            record = text(root, "epoch_record");
        }
        return new Decoded(state, text(root, "run_id"), count(root, "epochs_done", 0), record);
    }

    private static Map<String, double[]> buffers(JsonNode node) {
        Map<String, double[]> buffers = new LinkedHashMap<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            buffers.put(name, doubles(node, name));
        }
        return buffers;
    }

    static ArrayNode array(double[] values) {
        ArrayNode a = JSON.createArrayNode();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not text");
        }
        return v.asText();
    }

    private static JsonNode number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !(v.isNumber() || v.isTextual() && isNonNumeric(v.asText()))) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a number");
        }
        if (v.isTextual()) {
            return JSON.getNodeFactory().numberNode(Double.parseDouble(v.asText()));
        }
        return v;
    }

    /** A whole number of at least {@code min}: steps and epochs, where 1.5, -3 or 1e30 are damage. */
    static long count(JsonNode node, String field, long min) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a whole number");
        }
        if (v.asLong() < min) {
            throw new IllegalArgumentException("field '" + field + "' must be >= " + min + ", but is " + v.asLong());
        }
        return v.asLong();
    }

    private static boolean isNonNumeric(String s) {
        return s.equals("Infinity") || s.equals("-Infinity") || s.equals("NaN");
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not an object");
        }
        return v;
    }

    static double[] doubles(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not an array");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = v.get(i);
            if (!e.isNumber()) {
                throw new IllegalArgumentException("entry " + i + " of '" + field + "' is not a number");
            }
            out[i] = e.doubleValue();
            if (!Double.isFinite(out[i])) {
                // Parameters and optimizer state are finite by construction (a non-finite step fails the run).
                throw new IllegalArgumentException("entry " + i + " of '" + field + "' is " + out[i]
                        + ", not a finite number");
            }
        }
        return out;
    }
}
