package org.chemotaxis.worm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChemotaxisIndexTest {

    @Test
    void wormsThatGoStraightToTheAttractantGiveCiOne() {
        // A at (-2, 0) (largest weight), control C at (2, 0); worms start between them, head
        // straight at A and stay there.
        ConcentrationField f = FieldSpec.parse("spots:2,0,0.3,0.5/-2,0,1,1");
        WorldConfig w = WorldConfig.defaults().withSweepAmplitude(0).withHeadingNoise(0).withDuration(200)
                .withStart(new Start.Point(0, 0, Start.Heading.TOWARD_PEAK));
        ChemotaxisEvaluation.Result r = ChemotaxisEvaluation.evaluate(f, w, TestControllers.stopAtPeak(3), 1, 10);
        assertEquals(10, r.atAttractant());
        assertEquals(0, r.atControl());
        assertEquals(1.0, r.chemotaxisIndex());
        assertEquals(1.0, r.reachFraction());
        // r0 = 2 cm, v = 0.022 cm/s: F = 1 - r0 / (2 v T) within the circling radius.
        assertEquals(1 - 2 / (2 * 0.022 * 200), r.fitness(), 0.01);
    }

    @Test
    void theIndexCountsWormsNearEachSpot() {
        assertEquals(0.5, ChemotaxisEvaluation.chemotaxisIndex(3, 1));
        assertEquals(-1.0, ChemotaxisEvaluation.chemotaxisIndex(0, 2));
        assertTrue(Double.isNaN(ChemotaxisEvaluation.chemotaxisIndex(0, 0)));
        double[] x = {1.05, 1.06, 0, -0.5};
        double[] y = {0, 0, 1.0, 0.5};
        assertEquals(3, ChemotaxisEvaluation.countWithin(x, y, 0, 0, 1.05));
    }

    @Test
    void theSummaryHasMeanStandardErrorAndMedianReachTime() {
        ConcentrationField f = FieldSpec.parse("spots:-2,0,1,1/2,0,0.5,1");
        double[] scores = {0.2, 0.4, 0.6, 0.0};
        double[] reach = {10, Double.NaN, 30, 20};
        double[] x = {-2, -1.5, 2, 0};
        double[] y = {0, 0.5, 0, 0};
        ChemotaxisEvaluation.Result r = ChemotaxisEvaluation.summarise("t", f, scores, reach, x, y);
        assertEquals(0.3, r.fitness(), 1e-15);
        // sample sd of {0.2, 0.4, 0.6, 0}: sqrt(0.2 / 3); se = sd / 2.
        assertEquals(Math.sqrt(0.2 / 3) / 2, r.fitnessStdErr(), 1e-15);
        assertEquals(0.75, r.reachFraction());
        assertEquals(20, r.medianReachSeconds());
        assertEquals(2, r.atAttractant());
        assertEquals(1, r.atControl());
        assertEquals(1.0 / 3, r.chemotaxisIndex(), 1e-15);
        ChemotaxisEvaluation.Result none = ChemotaxisEvaluation.summarise("t", f, scores,
                new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN}, x, y);
        assertTrue(Double.isNaN(none.medianReachSeconds()));
        assertEquals(0, none.reachFraction());
    }
}
