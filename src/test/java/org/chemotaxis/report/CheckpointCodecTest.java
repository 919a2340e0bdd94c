package org.chemotaxis.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chemotaxis.optim.OptimizerState;
import org.chemotaxis.perturb.EstimatorState;
import org.chemotaxis.train.EarlyStoppingRule;
import org.chemotaxis.train.TrainingState;
import org.junit.jupiter.api.Test;

/** Checkpoints keep every bit of the training state, the estimator's included, and older files still load. */
class CheckpointCodecTest {

    private static TrainingState state(EstimatorState estimator) {
        double[] theta = {0.1, -1.0 / 3, 2.5e-300, Double.MIN_VALUE};
        OptimizerState opt = new OptimizerState("adam", 7, Map.of("exp_avg", new double[] {1, 2, 3, 4},
                "exp_avg_sq", new double[] {0.5, 0.25, 1e-20, 0}));
        return new TrainingState(12, theta, opt, estimator, new EarlyStoppingRule.State(0.125, 2, 1),
                new double[] {4, 3, 2, 1});
    }

    @Test
    void theEstimatorStateRoundTripsBitForBit() {
        Map<String, double[]> buffers = new LinkedHashMap<>();
        buffers.put("sigma", new double[] {0.1, 0.2 / 3, 1e-12, 7});
        buffers.put("generation", new double[] {3});
        TrainingState s = state(new EstimatorState("pgpe", buffers));
        CheckpointCodec.Decoded d = CheckpointCodec.decode(CheckpointCodec.encode(s, "run-1", 3));
        assertEquals("pgpe", d.state().estimator().type());
        assertArrayEquals(buffers.get("sigma"), d.state().estimator().buffer("sigma"), 0.0);
        assertEquals(3.0, d.state().estimator().scalar("generation"));
        assertArrayEquals(s.theta(), d.state().theta(), 0.0);
        assertEquals(12, d.state().step());
    }

    @Test
    void aFormat1CheckpointLoadsWithoutEstimatorState() throws Exception {
        String text = CheckpointCodec.encode(state(EstimatorState.NONE), "run-1", 3);
        ObjectNode old = (ObjectNode) CheckpointCodec.JSON.readTree(text);
        old.put("format", "chemotaxis-checkpoint/1");
        old.remove("estimator");
        CheckpointCodec.Decoded d = CheckpointCodec.decode(CheckpointCodec.JSON.writeValueAsString(old));
        assertEquals(EstimatorState.NONE, d.state().estimator());
        assertEquals(7, d.state().optimizer().steps());

        old.put("format", "chemotaxis-checkpoint/9");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointCodec.decode(CheckpointCodec.JSON.writeValueAsString(old)));
        assertTrue(e.getMessage().contains("'chemotaxis-checkpoint/9'"), e.getMessage());
    }

    @Test
    void aFormat2CheckpointWithoutItsEstimatorIsRejected() throws Exception {
        ObjectNode cut = (ObjectNode) CheckpointCodec.JSON.readTree(
                CheckpointCodec.encode(state(EstimatorState.NONE), "run-1", 3));
        cut.remove("estimator");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointCodec.decode(CheckpointCodec.JSON.writeValueAsString(cut)));
        assertEquals("field 'estimator' is missing or not an object", e.getMessage());
    }

    /** The record of the epoch a checkpoint completes travels as its exact line; checkpoints without one read as null. */
    @Test
    void theEpochRecordRoundTripsAsItsLine() {
        String line = "{\"event\":\"EpochEnded\",\"run_id\":\"r\",\"epoch\":2,\"train_loss\":\"NaN\",\"x\":\"\u00e9\\n\"}";
        TrainingState s = state(EstimatorState.NONE);
        assertEquals(line, CheckpointCodec.decode(CheckpointCodec.encode(s, "run-1", 3, line)).epochRecord());
        assertEquals(null, CheckpointCodec.decode(CheckpointCodec.encode(s, "run-1", 3)).epochRecord());
    }
}
