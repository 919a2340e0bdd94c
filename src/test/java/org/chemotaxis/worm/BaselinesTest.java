package org.chemotaxis.worm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hand-crafted baselines against the reference numbers of DESIGN.md: Gaussian field
 * (lambda 1.61), 400 starts, 500 s, dt 0.01 s. F within +/-0.03; reach fraction within 0.03;
 * median reach time within 30 s.
 */
class BaselinesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "none,        0.09, 0.02, 383",
        "pirouette,   0.65, 1.0,  296",
        "weathervane, 0.64, 1.0,  217",
        "combined,    0.72, 1.0,  222",
    })
    void reproducesTheReference(String name, double fitness, double reach, double medianReach) {
        ChemotaxisEvaluation.Result r = ChemotaxisEvaluation.evaluate(GaussianField.standard(),
                WorldConfig.defaults(), Baselines.create(name), 1, 400);
        System.out.printf("baseline %-11s F %.3f +/- %.3f  reach %.3f  median reach %.0f s%n", name, r.fitness(),
                r.fitnessStdErr(), r.reachFraction(), r.medianReachSeconds());
        assertEquals(400, r.starts());
        assertEquals(fitness, r.fitness(), 0.03, name + " F");
        assertEquals(reach, r.reachFraction(), 0.03, name + " reach fraction");
        assertEquals(medianReach, r.medianReachSeconds(), 30, name + " median reach time");
        assertTrue(Double.isNaN(r.chemotaxisIndex()), "no CI on a one-peak field");
    }

    @Test
    void aLowPassOfAConstantRateConvergesToIt() {
        // ln C rising at a constant 0.2 per second: d_0 = 0, then d = 0.2 at steps 1..k, and the
        // exact filter, s_k = s_{k-1} + (1 - exp(-dt/tau)) (0.2 - s_{k-1}) from s_0 = 0, gives
        // s_k = 0.2 (1 - exp(-k dt / tau)).
        HandCraftedController c = Baselines.create("pirouette");
        double dt = 0.01;
        c.reset(1, dt);
        double[] conc = new double[1];
        double[] zero = new double[1];
        double[] turn = new double[1];
        double[] rate = new double[1];
        for (int k = 0; k <= 100; k++) {
            conc[0] = Math.exp(-3 + 0.2 * k * dt);
            c.step(k * dt, conc, zero, zero, 1, turn, rate);
        }
        assertEquals(0.2 * (1 - Math.exp(-100 * dt / 0.5)), c.filtered(0), 1e-12);
        assertEquals(Baselines.RATE_RISING, rate[0]);
    }

    @Test
    void weathervaningTurnsTowardTheSideWhereLnCRose() {
        // s > 0 while the head is swept to the left (offset ~ -cos(phase) > 0): turn left (omega > 0).
        HandCraftedController c = Baselines.create("weathervane");
        c.reset(1, 0.01);
        double[] conc = {0.5};
        double[] sin = {0};
        double[] cos = {-1};
        double[] turn = new double[1];
        double[] rate = new double[1];
        c.step(0, conc, sin, cos, 1, turn, rate);
        conc[0] = 0.501;
        c.step(0.01, conc, sin, cos, 1, turn, rate);
        double s = c.filtered(0);
        assertTrue(s > 0);
        assertEquals(40 * s, turn[0], 1e-12);
        assertEquals(0, rate[0]);
    }

    @Test
    void anUnknownNameListsTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Baselines.create("klino"));
        assertEquals("unknown controller 'klino'; accepted: none, pirouette, weathervane, combined", e.getMessage());
    }
}
