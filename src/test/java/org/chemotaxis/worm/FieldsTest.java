package org.chemotaxis.worm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldsTest {

    @Test
    void gaussianIsOneAtThePeakAndEMinusHalfAtOneLambda() {
        GaussianField g = new GaussianField(2.0, 1.0, -1.0);
        assertEquals(1.0, g.at(1.0, -1.0), 1e-15);
        assertEquals(Math.exp(-0.5), g.at(1.0 + 2.0 * Math.cos(0.3), -1.0 + 2.0 * Math.sin(0.3)), 1e-14);
        assertEquals(1.0, g.peakX());
        assertEquals(-1.0, g.peakY());
    }

    @Test
    void standardGaussianAtTheStartDistance() {
        // 4.5 cm from the peak with lambda 1.61: exp(-4.5^2 / (2 * 1.61^2)) = exp(-3.906...)
        assertEquals(Math.exp(-20.25 / 5.1842), GaussianField.standard().at(4.5, 0), 1e-15);
    }

    @Test
    void coneFallsLinearlyAndStopsAtTheFloor() {
        ConeField c = new ConeField(1.0, -0.1, 0, 0);
        assertEquals(1.0, c.at(0, 0), 1e-15);
        assertEquals(1.0 - 0.1 * 5, c.at(3, 4), 1e-15);
        assertEquals(ConcentrationField.FLOOR, c.at(30, 40));
    }

    @Test
    void everyFieldIsFlooredSoThatLogIsDefined() {
        assertEquals(ConcentrationField.FLOOR, GaussianField.standard().at(100, 0));
        SpotField s = new SpotField(List.of(new SpotField.Spot(0, 0, 1, 1), new SpotField.Spot(5, 0, -2, 1)));
        assertEquals(ConcentrationField.FLOOR, s.at(5, 0));
        assertTrue(Double.isFinite(Math.log(s.at(5, 0))));
    }

    @Test
    void spotsAddUpAndThePeakIsTheHeaviestSpot() {
        SpotField s = new SpotField(List.of(new SpotField.Spot(-2, 0, 0.5, 1.0), new SpotField.Spot(2, 1, 2.0, 0.5),
                new SpotField.Spot(0, 3, -0.3, 2.0)));
        double x = 1.3;
        double y = 0.6;
        double expected = 0.5 * Math.exp(-((x + 2) * (x + 2) + y * y) / 2.0)
                + 2.0 * Math.exp(-((x - 2) * (x - 2) + (y - 1) * (y - 1)) / 0.5)
                - 0.3 * Math.exp(-(x * x + (y - 3) * (y - 3)) / 8.0);
        assertTrue(expected > 0.1, "a point where the sum is above the floor");
        assertEquals(expected, s.at(x, y), 1e-15);
        assertEquals(2.0, s.peakX());
        assertEquals(1.0, s.peakY());
        assertEquals(1, s.peakIndex());
    }

    @Test
    void invalidFieldsAreRefusedWithTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GaussianField(0, 0, 0));
        assertTrue(e.getMessage().contains("field.lambda"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ConeField(1, 0.1, 0, 0));
        assertTrue(e.getMessage().contains("slope must be < 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SpotField(List.of(new SpotField.Spot(0, 0, -1, 1))));
        assertTrue(e.getMessage().contains("positive weight"), e.getMessage());
    }
}
