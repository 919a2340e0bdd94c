package org.chemotaxis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.AxisLabels;

class ChartsTest {

    private static XYChart loss(double from, double to) {
        double[] x = new double[30];
        double[] y = new double[30];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = from * Math.pow(to / from, i / 29.0);
        }
        return Charts.chart("loss", "epoch", "loss", true, List.of(new Charts.Line("train", x, y)),
                List.of(new Charts.Point("best", 30, to)));
    }

    @Test
    void aLossWithinOneDecadeIsDrawnLinearWithLabels() {
        // 0.45 .. 0.75: no power of ten inside, so a log axis would carry no number at all.
        XYChart chart = loss(0.75, 0.45);
        assertFalse(chart.getStyler().isYAxisLogarithmic());
        List<String> labels = AxisLabels.y(chart).stream().filter(s -> s != null && !s.isBlank()).toList();
        assertTrue(labels.size() >= 3, "labels " + labels);
        assertEquals("loss", chart.getYAxisTitle());
    }

    @Test
    void aLossOverDecadesIsDrawnLogWithLabelsOfOneForm() {
        XYChart chart = loss(1.0, 2e-5);
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertEquals("loss (log scale)", chart.getYAxisTitle());
        List<String> labels = AxisLabels.y(chart).stream().filter(s -> s != null && !s.isBlank()).toList();
        assertTrue(labels.size() >= 4, "labels " + labels);
        for (String l : labels) {
            assertTrue(l.matches("1E-?\\d+"), "label '" + l + "' of " + labels);
        }
        assertTrue(labels.contains("1E-3") && labels.contains("1E0"), "labels " + labels);
    }

    @Test
    void theBestPointIsInTheLegend() {
        XYChart chart = loss(1.0, 0.5);
        assertTrue(chart.getSeriesMap().containsKey("best"));
    }
}
