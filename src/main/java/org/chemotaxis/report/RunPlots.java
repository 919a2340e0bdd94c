package org.chemotaxis.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chemotaxis.config.BadInputException;

/** The plots of a run folder, drawn from its files. */
public final class RunPlots {

    private RunPlots() {
    }

    /** loss.png: training and validation loss per epoch (log scale), from metrics.csv. */
    public static Path lossCurves(RunFolder run) {
        Path csv = run.file(RunFolder.METRICS);
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + csv + ": " + e.getMessage());
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            try {
                rows.add(new double[] {Double.parseDouble(f[0]) + 1, Double.parseDouble(f[1]), Double.parseDouble(f[2])});
            } catch (RuntimeException e) {
                throw new BadInputException("line " + (i + 1) + " of " + csv + " is not a metrics row: " + lines.get(i));
            }
        }
        double[] epoch = new double[rows.size()];
        double[] train = new double[rows.size()];
        double[] val = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            epoch[i] = rows.get(i)[0];
            train[i] = rows.get(i)[1];
            val[i] = rows.get(i)[2];
        }
        Path png = run.file(RunFolder.LOSS_PLOT);
        if (rows.isEmpty()) {
            return png;
        }
        Charts.lines(png, "Loss per epoch", "epoch", "loss", true,
                List.of(new Charts.Line("train", epoch, train), new Charts.Line("validation", epoch, val)));
        return png;
    }
}
