package org.chemotaxis.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PictureTest {

    /** The indices a stride keeps, counted the slow way: every k-th from 0, and the last. */
    private static List<Integer> kept(int length, int every) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < length; i += every) {
            out.add(i);
        }
        if (length > 0 && out.get(out.size() - 1) != length - 1) {
            out.add(length - 1);
        }
        return out;
    }

    @Test
    void sampleKeepsEveryKthValueAndTheLast() {
        for (int length : new int[] {1, 2, 7, 10, 11, 250, 251, 3001}) {
            double[] v = new double[length];
            for (int i = 0; i < length; i++) {
                v[i] = 0.5 * i;
            }
            for (int every : new int[] {1, 2, 3, 10}) {
                List<Integer> idx = kept(length, every);
                float[] s = Picture.sample(v, every, 0.5);
                assertEquals(idx.size(), s.length, length + " / " + every);
                for (int k = 0; k < idx.size(); k++) {
                    assertEquals(0.5f * idx.get(k), s[k]);
                }
            }
        }
        assertEquals(0, Picture.sample(new double[0], 3, 1).length);
        assertThrows(IllegalArgumentException.class, () -> Picture.sample(new double[3], 0, 1));
    }

    @Test
    void strideIsTheSmallestThatKeepsThePointsWithinTheLimit() {
        for (int points : new int[] {2, 3, 50, 120, Picture.MAX_POINTS}) {
            for (int length = 1; length < 5000; length += length < 300 ? 1 : 37) {
                int every = Picture.stride(length, points);
                assertTrue(kept(length, every).size() <= points, length + " points " + points);
                if (every > 1) {
                    assertTrue(kept(length, every - 1).size() > points, "a smaller stride would do for " + length);
                }
            }
        }
        assertEquals(1, Picture.stride(Picture.MAX_POINTS));
        assertThrows(IllegalArgumentException.class, () -> Picture.stride(10, 1));
    }

    @Test
    void roundingKeepsAboutFourSignificantDigits() {
        assertEquals(1e-3, Picture.stepFor(1.0), 1e-18);
        assertEquals(1e-2, Picture.stepFor(13.2), 1e-18);
        assertEquals(1e-7, Picture.stepFor(4.5e-4), 1e-22);
        assertEquals(0.123f, Picture.round(0.12345, 1e-3));
        assertEquals(-4.57f, Picture.round(-4.5678, 1e-2));
        assertTrue(Float.isNaN(Picture.round(Double.NaN, 1e-3)));
        assertEquals(Float.POSITIVE_INFINITY, Picture.round(Double.POSITIVE_INFINITY, 1e-3));
        assertEquals("0.123", Float.toString(Picture.round(0.12345, 1e-3)), "short in JSON");
    }

    private static Picture picture(float last) {
        return new Picture(Picture.PATHS, "t", "x (cm)", "y (cm)",
                List.of(new Picture.Series("worm 1", new float[] {0, 1, 2}, new float[] {3, 4, last})),
                new Picture.Grid(-1, -1, 2, 2, new float[] {0, 0.5f, 0.5f, 1}), List.of(new Picture.Mark("peak", 0, 0)));
    }

    @Test
    void picturesAreEqualByContentAndSnakeCaseInJson() throws Exception {
        assertEquals(picture(5), picture(5));
        assertEquals(picture(5).hashCode(), picture(5).hashCode());
        assertNotEquals(picture(5), picture(6));
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(picture(5)));
        assertEquals("x (cm)", json.path("x_label").asText());
        assertEquals(2, json.path("map").path("n").asInt());
        assertEquals(3, json.path("series").get(0).path("y").size());
        assertEquals(5.0, json.path("series").get(0).path("y").get(2).asDouble());
        Picture back = new ObjectMapper().readValue(new ObjectMapper().writeValueAsString(picture(5)), Picture.class);
        assertEquals(picture(5), back);
        assertArrayEquals(new float[] {3, 4, 5}, back.series().get(0).y());
    }

    @Test
    void badShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Picture.Series("s", new float[2], new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new Picture.Grid(0, 0, 1, 3, new float[8]));
    }
}
