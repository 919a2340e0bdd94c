package org.chemotaxis.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EtaTest {

    @Test
    void theMeanEpochTimesTheEpochsLeft() {
        Eta eta = new Eta();
        assertEquals("eta ?", eta.left(10, 0));
        eta.epochEnded(6);
        eta.epochEnded(8);
        // 7 s an epoch: 88 whole epochs and half of the current one are 619.5 s.
        assertEquals("eta 10m20s", eta.left(88, 0.5));
        assertEquals("eta 0s", eta.left(0, 0));
        assertEquals("eta 2h20m", eta.left(1200, 0));
        assertEquals("eta 35s", eta.left(5, 0));
    }
}
