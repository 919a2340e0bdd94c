package org.chemotaxis.worm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArenaSpecTest {

    @Test
    void openIsThePlane() {
        assertTrue(ArenaSpec.parse("open").isOpen());
        assertTrue(ArenaSpec.parse(" OPEN ").isOpen());
    }

    @Test
    void aDiskHasRadiusAndOptionalCentre() {
        assertEquals(Arena.disk(0, 0, 4.5), ArenaSpec.parse("disk:radius=4.5"));
        assertEquals(Arena.disk(1, -2, 6), ArenaSpec.parse("disk: y=-2, radius=6 ,x=1"));
    }

    @Test
    void formatParsesBackToTheSameArena() {
        for (String spec : List.of("open", "disk:radius=3", "disk:radius=2.5,x=1,y=-1")) {
            Arena a = ArenaSpec.parse(spec);
            assertEquals(a, ArenaSpec.parse(ArenaSpec.format(a)), spec);
        }
        assertEquals("disk:radius=3.0", ArenaSpec.format(Arena.disk(0, 0, 3)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "box:radius=3             | unknown arena kind 'box', expected open or disk",
        "disk                     | missing radius",
        "disk:x=1                 | missing radius",
        "disk:radius=0            | radius must be > 0, but was 0.0",
        "disk:radius=-1           | radius must be > 0",
        "disk:radius=abc          | radius 'abc' is not a number",
        "disk:radius=Infinity     | radius must be finite",
        "disk:radius=2,radius=3   | key 'radius' given twice",
        "disk:r=2                 | unknown key 'r', allowed: radius, x, y",
        "disk:2                   | '2' is not key=value",
        "open:radius=2            | open takes no keys",
    })
    void aBadSpecIsOneLineNamingSpecAndProblem(String spec, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArenaSpec.parse(spec));
        assertTrue(e.getMessage().startsWith("bad arena spec '" + spec + "': "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }
}
