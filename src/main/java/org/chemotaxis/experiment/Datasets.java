package org.chemotaxis.experiment;

import java.nio.file.Path;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.DataConfig;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.data.CsvSeriesDataset;
import org.chemotaxis.data.DataLoader;
import org.chemotaxis.data.SequenceDataset;
import org.chemotaxis.data.SineDataset;

/** The dataset and loader an experiment's {@code data} and {@code training} sections describe. */
public final class Datasets {

    private Datasets() {
    }

    public static SequenceDataset of(ExperimentConfig config) {
        DataConfig data = config.data();
        return switch (data.type()) {
            case SINE -> sine(data, config.seed());
            case CSV -> csv(data);
            case CHEMOTAXIS -> throw new IllegalArgumentException(
                    "data.type chemotaxis has no sequences: it runs worm episodes (see ChemotaxisExperiment)");
        };
    }

    /** The sine waves of a {@code data} section of type sine. */
    public static SineDataset sine(DataConfig data, long seed) {
        return new SineDataset(seed, data.count(), data.length(), data.dt(), data.frequency().interval(),
                data.phase().interval(), data.amplitude(), data.noise());
    }

    /**
     * The windows of a {@code data} section of type csv. A config loaded from a file holds an
     * absolute path (ConfigLoader resolves a relative one against the file's folder); one that is
     * still relative here is taken from the working directory.
     */
    public static CsvSeriesDataset csv(DataConfig data) {
        if (data.path() == null || data.path().isBlank()) {
            throw new BadInputException("data.path must name a CSV file when data.type is csv");
        }
        return CsvSeriesDataset.read(Path.of(data.path()).toAbsolutePath(), data.inputColumns(), data.targetColumns(), data.window(),
                data.stride(), data.targetShift());
    }

    /** The loader of an experiment over a dataset of {@code size} sequences. */
    public static DataLoader loader(ExperimentConfig config, int size) {
        return new DataLoader(size, config.data().validationFraction(), config.training().batch(),
                config.training().stepsPerEpoch(), config.seed());
    }
}
