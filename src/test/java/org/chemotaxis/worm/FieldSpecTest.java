package org.chemotaxis.worm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSpecTest {

    @Test
    void gaussWithLambdaHasItsPeakAtTheOrigin() {
        assertEquals(new GaussianField(2.5, 0, 0), FieldSpec.parse("gauss:lambda=2.5"));
    }

    @Test
    void gaussAloneIsTheReferenceField() {
        assertEquals(GaussianField.standard(), FieldSpec.parse("gauss"));
        assertEquals(1.61, GaussianField.standard().lambda());
    }

    @Test
    void gaussAndConePeaksMove() {
        assertEquals(new GaussianField(1.61, 1.5, -2), FieldSpec.parse(" gauss:lambda=1.61, x=1.5 ,y=-2 "));
        assertEquals(new ConeField(1, -0.2, 0, 3), FieldSpec.parse("cone:slope=-0.2,y=3"));
    }

    @Test
    void coneTakesSlopeAndOptionalC0() {
        assertEquals(new ConeField(1, -0.38, 0, 0), FieldSpec.parse("cone:slope=-0.38"));
        assertEquals(new ConeField(2, -0.01, 0, 0), FieldSpec.parse("CONE:c0=2,slope=-0.01"));
    }

    @Test
    void spotsListCentreWeightAndLambda() {
        ConcentrationField f = FieldSpec.parse("spots:-2,0,1,1.61/2,0,-0.5,0.8");
        assertEquals(new SpotField(List.of(new SpotField.Spot(-2, 0, 1, 1.61), new SpotField.Spot(2, 0, -0.5, 0.8))), f);
        assertEquals(-2.0, f.peakX());
        assertEquals(0.0, f.peakY());
    }

    @Test
    void formatParsesBackToTheSameField() {
        for (String spec : List.of("gauss:lambda=1.2,x=1,y=2", "cone:slope=-0.05,c0=1.5", "spots:1,2,3,4/5,6,-7,8",
                "gauss")) {
            ConcentrationField f = FieldSpec.parse(spec);
            assertEquals(f, FieldSpec.parse(FieldSpec.format(f)), spec);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "blob:lambda=1           | unknown field kind 'blob'",
        "gauss:lambda=-1         | lambda must be > 0, but was -1",
        "gauss:lambda=abc        | lambda 'abc' is not a number",
        "gauss:lambda=NaN        | lambda must be finite",
        "gauss:sigma=2           | unknown key 'sigma', allowed: lambda, x, y",
        "gauss:lambda=1,lambda=2 | key 'lambda' given twice",
        "gauss:lambda            | 'lambda' is not key=value",
        "cone:c0=1               | missing slope",
        "cone:slope=0.2          | slope must be < 0, but was 0.2",
        "cone:slope=-0.1,c0=0    | c0 must be > 0, but was 0",
        "spots:                  | no spots",
        "spots:1,2,3             | spot 1 '1,2,3' has 3 numbers, expected 4 (X,Y,W,L)",
        "spots:0,0,1,1/1,x,1,1   | spot 2 y 'x' is not a number",
        "spots:0,0,1,0           | spot 1 lambda must be > 0, but was 0",
        "spots:0,0,-1,1/3,0,0,1  | no spot has a positive weight",
    })
    void badSpecsNameTheSpecAndTheProblem(String spec, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FieldSpec.parse(spec));
        String m = e.getMessage();
        assertTrue(m.startsWith("bad field spec '" + spec + "': "), m);
        assertTrue(m.contains(problem), m);
        assertFalse(m.contains("\n"), m);
    }

    @Test
    void nullAndEmptyAreBad() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FieldSpec.parse(null)).getMessage()
                .startsWith("bad field spec 'null'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FieldSpec.parse("")).getMessage()
                .contains("unknown field kind ''"));
    }
}
