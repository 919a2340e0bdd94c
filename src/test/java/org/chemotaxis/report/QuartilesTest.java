package org.chemotaxis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Quartiles against values worked by hand with type-7 interpolation (NumPy's default). */
class QuartilesTest {

    @Test
    void fourValues() {
        // h = 3p: q1 at 0.75 -> 1 + 0.75, median at 1.5 -> 2.5, q3 at 2.25 -> 3 + 0.25.
        Quartiles q = Quartiles.of(new double[] {4, 1, 3, 2});
        assertEquals(1.75, q.q1());
        assertEquals(2.5, q.median());
        assertEquals(3.25, q.q3());
        assertEquals(1, q.min());
        assertEquals(4, q.max());
        assertEquals(4, q.n());
    }

    @Test
    void fiveValuesFallOnOrderStatistics() {
        Quartiles q = Quartiles.of(new double[] {10, 50, 20, 40, 30});
        assertEquals(20, q.q1());
        assertEquals(30, q.median());
        assertEquals(40, q.q3());
    }

    @Test
    void runsThatNeverReachedCountAsInfinityAndNeverGiveNaN() {
        double inf = Double.POSITIVE_INFINITY;
        Quartiles q = Quartiles.of(new double[] {1, 2, inf, inf, inf});
        assertEquals(2, q.q1());
        assertEquals(inf, q.median());
        assertEquals(inf, q.q3());
        Quartiles r = Quartiles.of(new double[] {1, 2, 3, inf});
        assertEquals(1.75, r.q1());
        assertEquals(2.5, r.median());
        assertEquals(inf, r.q3());
        assertEquals(7, Quartiles.of(new double[] {7}).median());
    }

    @Test
    void nothingOrNaNIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Quartiles.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Quartiles.of(new double[] {1, Double.NaN}));
    }
}
