package org.chemotaxis.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.experiment.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSeriesDatasetTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("series.csv");
        Files.writeString(f, text);
        return f;
    }

    private String fails(String text, List<String> in, List<String> out, int window, int stride, int shift)
            throws IOException {
        Path f = write(text);
        return assertThrows(BadInputException.class,
                () -> CsvSeriesDataset.read(f, in, out, window, stride, shift)).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), () -> "expected '" + p + "' in: " + message);
        }
    }

    /** Rows r = 0..9 with x = 10 r and y = 100 r; a date column that is not numeric. */
    private static final String TEN_ROWS = """
            # a comment before the header
            date, x, y

            2020-01-01,0,0
            2020-01-02,10,100
            # a comment between rows
            2020-01-03,20,200
            2020-01-04,30,300
            2020-01-05,40,400
              2020-01-06 , 50 , 500
            2020-01-07,60,600

            2020-01-08,70,700
            2020-01-09,80,800
            2020-01-10,90,900
            """;

    @Test
    void nextStepWindowsOfOneColumn() throws IOException {
        CsvSeriesDataset d = CsvSeriesDataset.read(write(TEN_ROWS), List.of("x"), List.of("x"), 3, 2, 1);
        assertEquals(10, d.rows());
        // Windows need 3 + 1 rows; starts 0, 2, 4, 6 fit (6 + 3 + 1 = 10), 8 does not.
        assertEquals(4, d.size());
        assertEquals(3, d.length());
        assertEquals(1, d.inputSize());
        assertEquals(1, d.targetSize());
        for (int s = 0; s < 4; s++) {
            for (int t = 0; t < 3; t++) {
                int row = 2 * s + t;
                assertEquals(10.0 * row, d.input(s, t, 0), 0.0);
                assertEquals(10.0 * (row + 1), d.target(s, t, 0), 0.0);
            }
        }
    }

    @Test
    void sameRowTargetsOfOtherColumns() throws IOException {
        CsvSeriesDataset d = CsvSeriesDataset.read(write(TEN_ROWS), List.of("y", "x"), List.of("y"), 4, 3, 0);
        // starts 0, 3, 6 (6 + 4 = 10)
        assertEquals(3, d.size());
        assertEquals(2, d.inputSize());
        assertEquals(500.0, d.input(1, 2, 0), 0.0);
        assertEquals(50.0, d.input(1, 2, 1), 0.0);
        assertEquals(500.0, d.target(1, 2, 0), 0.0);
        assertEquals(900.0, d.target(2, 3, 0), 0.0);
        assertThrows(IndexOutOfBoundsException.class, () -> d.input(3, 0, 0));
    }

    @Test
    void builtFromAConfigSection() throws IOException {
        Path f = write(TEN_ROWS);
        ExperimentConfig c = ConfigLoader.parse("data:\n  type: csv\n  path: '" + f + "'\n  input_columns: x\n"
                + "  target_columns: [y]\n  window: 5\n  stride: 1\n  target_shift: 0\nobjective:\n  washout: 0\n",
                "x.yml");
        SequenceDataset d = Datasets.of(c);
        assertEquals(6, d.size());
        assertEquals(40.0, d.input(2, 2, 0), 0.0);
        assertEquals(400.0, d.target(2, 2, 0), 0.0);
    }

    @Test
    void raggedRowNamesFileAndLine() throws IOException {
        String m = fails("a,b\n1,2\n3\n4,5\n", List.of("a"), List.of("b"), 1, 1, 0);
        assertContains(m, "series.csv line 3", "1 fields", "header (line 1) has 2");
        String m2 = fails("# c\na,b\n\n1,2\n3,4,5\n", List.of("a"), List.of("b"), 1, 1, 0);
        assertContains(m2, "series.csv line 5", "3 fields");
    }

    @Test
    void nonNumberNamesFileLineAndColumn() throws IOException {
        String m = fails("a,b\n1,2\n3,x4\n", List.of("a"), List.of("b"), 1, 1, 0);
        assertContains(m, "series.csv line 3", "column 'b'", "'x4'");
        assertContains(fails("a,b\n1,\n", List.of("a"), List.of("b"), 1, 1, 0), "line 2", "column 'b'", "''");
        assertContains(fails("a,b\n1,NaN\n", List.of("a"), List.of("b"), 1, 1, 0), "line 2", "'NaN'");
        assertContains(fails("a,b\n1,Infinity\n", List.of("a"), List.of("b"), 1, 1, 0), "line 2", "'Infinity'");
    }

    @Test
    void emptyFileIsNamed() throws IOException {
        assertContains(fails("", List.of("a"), List.of("a"), 1, 1, 1), "series.csv is empty");
        assertContains(fails("# nothing\n\n", List.of("a"), List.of("a"), 1, 1, 1), "series.csv is empty");
    }

    @Test
    void unknownColumnIsNamed() throws IOException {
        String m = fails("a,b\n1,2\n", List.of("a"), List.of("c"), 1, 1, 0);
        assertContains(m, "series.csv line 1", "no column named 'c'", "data.target_columns", "a, b");
        assertContains(fails("# x\na,a\n1,2\n", List.of("a"), List.of("a"), 1, 1, 0), "line 2", "'a' appears twice");
    }

    @Test
    void fewerRowsThanOneWindowIsNamed() throws IOException {
        String m = fails("a\n1\n2\n3\n", List.of("a"), List.of("a"), 3, 1, 1);
        assertContains(m, "series.csv has 3 data rows", "window 3 + target_shift 1 = 4");
        assertEquals(1, CsvSeriesDataset.read(write("a\n1\n2\n3\n4\n"), List.of("a"), List.of("a"), 3, 1, 1).size());
    }

    /** The limits, small here so that the files stay small: size before reading, line length, rows × columns. */
    @Test
    void limitsAreKeptBeforeTheFileIsReadWhole() throws IOException {
        Path f = write("a,b\n1,2\n3,4\n5,6\n");
        long size = Files.size(f);
        var ok = new CsvSeriesDataset.Bounds(size, 3, 6);
        assertEquals(3, CsvSeriesDataset.read(f, List.of("a"), List.of("b"), 1, 1, 0, ok).size(), "exactly at every limit");

        String big = assertThrows(BadInputException.class, () -> CsvSeriesDataset.read(f, List.of("a"), List.of("b"),
                1, 1, 0, new CsvSeriesDataset.Bounds(size - 1, 3, 6))).getMessage();
        assertContains(big, "data file " + f, "has " + size + " bytes", "at most " + (size - 1));

        String cells = assertThrows(BadInputException.class, () -> CsvSeriesDataset.read(f, List.of("a"), List.of("b"),
                1, 1, 0, new CsvSeriesDataset.Bounds(size, 3, 5))).getMessage();
        assertContains(cells, "series.csv line 4", "more than 2 data rows of 2 columns", "at most 5 values");

        String line = assertThrows(BadInputException.class, () -> CsvSeriesDataset.read(f, List.of("a"), List.of("b"),
                1, 1, 0, new CsvSeriesDataset.Bounds(size, 2, 6))).getMessage();
        assertContains(line, "series.csv line 1 is longer than 2 characters");
    }

    /** Lines end as BufferedReader.readLine ends them: "\n", "\r\n" or "\r", the last one with or without. */
    @Test
    void linesEndAsReadLineEndsThem() throws IOException {
        String text = "a\r\nb\rc\n\n\r\nd" + "x".repeat(20_000) + "\ne";
        List<String> expected = new java.io.BufferedReader(new java.io.StringReader(text)).lines().toList();
        List<String> got = new java.util.ArrayList<>();
        try (CsvLines in = new CsvLines(new java.io.StringReader(text), dir.resolve("t.csv"), 30_000)) {
            for (String l; (l = in.next()) != null; ) {
                got.add(l);
                assertEquals(got.size(), in.lineNo());
            }
        }
        assertEquals(expected, got);
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope.csv");
        String m = assertThrows(BadInputException.class,
                () -> CsvSeriesDataset.read(f, List.of("a"), List.of("a"), 1, 1, 0)).getMessage();
        assertEquals("data file not found: " + f, m);
    }
}
