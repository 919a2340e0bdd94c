package org.knowm.xchart.internal.chartpart;

import java.util.List;
import org.knowm.xchart.BitmapEncoder;

/**
 * The tick labels a chart actually draws on its y axis. The charting library keeps them behind
 * package-private accessors, so this probe lives in its package (tests only).
 */
public final class AxisLabels {

    private AxisLabels() {
    }

    public static List<String> y(Chart<?, ?> chart) {
        BitmapEncoder.getBufferedImage(chart); // lays the chart out, which computes the ticks
        return chart.getYAxis().getAxisTickCalculator().getTickLabels();
    }
}
