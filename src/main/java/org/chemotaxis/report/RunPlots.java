package org.chemotaxis.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The plots of a run folder, drawn from its files. */
public final class RunPlots {

    public static final String METRIC_PLOT = "metric.png";

    private RunPlots() {
    }

    /** loss.png: training and validation loss per epoch (log scale when it spans decades), best epoch marked. */
    public static Path lossCurves(RunFolder run) {
        MetricsTable m = MetricsTable.read(run.file(RunFolder.METRICS));
        Path png = run.file(RunFolder.LOSS_PLOT);
        if (m.size() == 0) {
            return png;
        }
        double[] epoch = m.epochs();
        double[] val = m.column("validation_loss");
        Charts.lines(png, "Loss per epoch", "epoch", "loss", true,
                List.of(new Charts.Line("train", epoch, m.column("train_loss")),
                        new Charts.Line("validation", epoch, val)),
                best(m, epoch, val, "validation loss"));
        return png;
    }

    /**
     * metric.png: the validation metric per epoch (F for chemotaxis), best epoch marked;
     * {@code where} says what it was measured on (it may differ from what {@code evaluate} reports).
     */
    public static Path metricCurve(RunFolder run, String metricName, String where) {
        MetricsTable m = MetricsTable.read(run.file(RunFolder.METRICS));
        Path png = run.file(METRIC_PLOT);
        if (m.size() == 0) {
            return png;
        }
        double[] epoch = m.epochs();
        double[] metric = m.column("metric");
        Charts.lines(png, "Validation " + metricName + " per epoch, " + where, "epoch", metricName, false,
                List.of(new Charts.Line(metricName, epoch, metric)), best(m, epoch, metric, metricName));
        return png;
    }

    private static List<Charts.Point> best(MetricsTable m, double[] epoch, double[] y, String what) {
        int b = m.bestRow();
        if (b < 0) {
            return List.of();
        }
        return List.of(new Charts.Point(String.format(Locale.ROOT, "saved model: epoch %.0f, %s %.4g", epoch[b], what,
                y[b]), epoch[b], y[b]));
    }
}
