package org.chemotaxis.worm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A simulator on a family of fields gives each episode one field, and runs it as if alone. */
class FieldFamilyTest {

    private static final WorldConfig WORLD = WorldConfig.defaults().withDt(0.1).withDuration(60);

    @Test
    void eachEpisodeRunsExactlyAsOnASimulatorOfItsOwnField() {
        ConcentrationField narrow = FieldSpec.parse("gauss:lambda=1.2");
        ConcentrationField moved = FieldSpec.parse("gauss:lambda=2.0,x=1,y=-2");
        ConcentrationField cone = FieldSpec.parse("cone:slope=-0.1");
        List<ConcentrationField> family = List.of(narrow, moved, cone);
        int n = 24;
        WormSimulator mixed = new WormSimulator(family, WORLD, n);
        mixed.run(Baselines.create("combined"), 7, 3, 100, n);

        Set<ConcentrationField> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            ConcentrationField f = mixed.field(i);
            assertTrue(family.contains(f));
            seen.add(f);
            WormSimulator alone = new WormSimulator(f, WORLD, 1);
            alone.run(Baselines.create("combined"), 7, 3, 100 + i, 1);
            assertEquals(alone.x(0), mixed.x(i), "x of episode " + i);
            assertEquals(alone.y(0), mixed.y(i), "y of episode " + i);
            assertEquals(alone.score(0), mixed.score(i), "F of episode " + i);
            assertEquals(alone.startDistance(0), mixed.startDistance(i), "r0 of episode " + i);
        }
        assertEquals(3, seen.size(), "24 episodes draw each of 3 fields");
    }

    @Test
    void theFieldOfAnEpisodeDependsOnlyOnItsKey() {
        List<ConcentrationField> family = List.of(FieldSpec.parse("gauss:lambda=1.2"), FieldSpec.parse("gauss"));
        WormSimulator a = new WormSimulator(family, WORLD, 10);
        WormSimulator b = new WormSimulator(family, WORLD, 4);
        a.run(Baselines.create("none"), 5, 0, 0, 10);
        b.run(Baselines.create("none"), 5, 0, 6, 4);
        for (int i = 0; i < 4; i++) {
            assertSame(a.field(6 + i), b.field(i));
            assertEquals(a.score(6 + i), b.score(i));
        }
    }

    @Test
    void oneFieldIsTheFamilyOfOne() {
        ConcentrationField g = FieldSpec.parse("gauss");
        WormSimulator single = new WormSimulator(g, WORLD, 5);
        WormSimulator listed = new WormSimulator(List.of(g), WORLD, 5);
        single.run(Baselines.create("pirouette"), 9, 1, 0, 5);
        listed.run(Baselines.create("pirouette"), 9, 1, 0, 5);
        for (int i = 0; i < 5; i++) {
            assertEquals(single.score(i), listed.score(i));
            assertSame(g, listed.field(i));
        }
    }
}
