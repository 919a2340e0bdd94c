package org.chemotaxis.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EpochTallyTest {

    @Test
    void anEpochAddsUpItsStepsAndStartsAfreshAfterReset() {
        EpochTally t = new EpochTally();
        t.stepBegins(1_000_000_000L);
        t.taskDone("local");
        t.taskDone("10.0.0.2:2552");
        t.taskDone("local");
        t.stepDone(new StepOutcome(0, 0.5, 1, 0.1));
        t.stepBegins(2_000_000_000L);
        t.stepDone(new StepOutcome(1, 0.25, 1, 0.05));
        assertEquals(0.375, t.meanLoss());
        assertEquals(2, t.steps());
        assertEquals(0.05, t.learningRate());
        assertEquals(1.5, t.secondsUntil(2_500_000_000L), "from the first step's start");
        assertEquals(Map.of("10.0.0.2:2552", 1, "local", 2), t.tasksByNode());
        t.reset();
        t.stepBegins(7_000_000_000L);
        t.stepDone(new StepOutcome(2, 1.0, 1, 0.01));
        assertEquals(1.0, t.meanLoss());
        assertEquals(1, t.steps());
        assertEquals(0.5, t.secondsUntil(7_500_000_000L));
        assertEquals(Map.of(), t.tasksByNode());
    }
}
