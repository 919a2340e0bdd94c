package org.chemotaxis.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/** The per-epoch scalars of the TensorBoard log, named by tag, from an EpochEnded event. */
public final class EpochScalars {

    private EpochScalars() {
    }

    public static Map<String, Double> of(RunEvent.EpochEnded e) {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("loss/train", e.trainLoss());
        s.put("loss/validation", e.validationLoss());
        s.put("metric/" + e.metricName(), e.metric());
        s.put("learning_rate", e.learningRate());
        s.put("epoch_seconds", e.seconds());
        s.put("throughput/forward_passes_per_second", e.seconds() > 0 ? e.forwardPasses() / e.seconds() : 0.0);
        s.put("workers", (double) e.workers());
        s.put("episodes/train", (double) e.trainEpisodes());
        s.put("episodes/validation", (double) e.validationEpisodes());
        return s;
    }
}
