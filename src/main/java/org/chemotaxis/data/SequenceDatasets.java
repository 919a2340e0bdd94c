package org.chemotaxis.data;

import org.chemotaxis.config.DataConfig;
import org.chemotaxis.config.ExperimentConfig;

/** The dataset an experiment's {@code data} section describes. */
public final class SequenceDatasets {

    private SequenceDatasets() {
    }

    public static SequenceDataset of(ExperimentConfig config) {
        DataConfig data = config.data();
        return switch (data.type()) {
            case SINE -> SineDataset.of(data, config.seed());
            case CSV -> CsvSeriesDataset.of(data);
            case CHEMOTAXIS -> throw new IllegalArgumentException(
                    "data.type chemotaxis has no sequences: it runs worm episodes (see ChemotaxisExperiment)");
        };
    }
}
