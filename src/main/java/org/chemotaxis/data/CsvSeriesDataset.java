package org.chemotaxis.data;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.Limits;

/**
 * A multivariate time series from a CSV file, cut into overlapping windows.
 *
 * <p>File format: the first line that is neither blank nor a comment is the header of column
 * names; then one row per time step, fields separated by commas (no quoting); lines whose first
 * non-blank character is '#' and blank lines are skipped anywhere. Every row has as many fields
 * as the header; the chosen columns must hold finite numbers (other columns may hold anything,
 * say a date).
 *
 * <p>Windows: sequence s covers data rows r = s * stride ... s * stride + window - 1. The rule
 * for targets is one and simple: the target at row r is the target columns' value at row
 * r + targetShift, whether or not a target column is also an input. targetShift 1 is next-step
 * prediction (input x, target x); 0 maps inputs to targets of the same row (input u, target y).
 * The number of sequences is floor((rows - window - targetShift) / stride) + 1.
 *
 * <p>Limits ({@link Limits}), so that no file makes the reader allocate without bound: the file
 * has at most {@link Limits#MAX_CSV_BYTES} bytes (checked before it is opened), a line at most
 * {@link Limits#MAX_CSV_LINE} characters, and data rows × header columns are at most
 * {@link Limits#MAX_CSV_CELLS} (checked row by row, before a row's values are kept).
 *
 * <p>Every defect fails with a {@link BadInputException} naming the file and, where there is
 * one, the line.
 */
public final class CsvSeriesDataset implements SequenceDataset {

    private final Path file;
    private final List<String> inputColumns;
    private final List<String> targetColumns;
    private final int rows;
    private final int window;
    private final int stride;
    private final int targetShift;
    private final int count;
    /** inputs[row * inputSize + i], targets[row * targetSize + j], row over all data rows. */
    private final double[] inputs;
    private final double[] targets;

    private CsvSeriesDataset(Path file, List<String> inputColumns, List<String> targetColumns, int rows,
                             int window, int stride, int targetShift, double[] inputs, double[] targets) {
        this.file = file;
        this.inputColumns = List.copyOf(inputColumns);
        this.targetColumns = List.copyOf(targetColumns);
        this.rows = rows;
        this.window = window;
        this.stride = stride;
        this.targetShift = targetShift;
        this.count = (rows - window - targetShift) / stride + 1;
        this.inputs = inputs;
        this.targets = targets;
    }

    /**
     * Reads the file and cuts windows.
     *
     * @param inputColumns  names of the input columns, in the order of input components
     * @param targetColumns names of the target columns, in the order of target components
     * @param window        rows per sequence, >= 1
     * @param stride        rows between the starts of consecutive sequences, >= 1
     * @param targetShift   rows between an input and its target, >= 0
     */
    public static CsvSeriesDataset read(Path file, List<String> inputColumns, List<String> targetColumns,
                                        int window, int stride, int targetShift) {
        return read(file, inputColumns, targetColumns, window, stride, targetShift,
                new Bounds(Limits.MAX_CSV_BYTES, Limits.MAX_CSV_LINE, Limits.MAX_CSV_CELLS));
    }

    /** The limits a read keeps: {@link Limits}' in every command, smaller ones in tests. */
    record Bounds(long bytes, int line, long cells) {
    }

    static CsvSeriesDataset read(Path file, List<String> inputColumns, List<String> targetColumns,
                                 int window, int stride, int targetShift, Bounds bounds) {
        String name = file.toString();
        if (inputColumns.isEmpty() || targetColumns.isEmpty()) {
            throw new BadInputException(name + ": at least one input and one target column must be chosen "
                    + "(data.input_columns, data.target_columns)");
        }
        if (window < 1 || stride < 1 || targetShift < 0) {
            throw new BadInputException(name + ": window and stride must be > 0 and target_shift >= 0, but were "
                    + window + ", " + stride + ", " + targetShift);
        }
        try (CsvLines in = open(file, bounds)) {
            return parse(in, file, inputColumns, targetColumns, window, stride, targetShift, bounds);
        } catch (NoSuchFileException e) {
            throw new BadInputException("data file not found: " + name, e);
        } catch (CharacterCodingException e) {
            throw new BadInputException("data file " + name + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new BadInputException("cannot read data file " + name + ": " + e.getMessage(), e);
        }
    }

    /** The file's lines, once its size is known to be within the limit. */
    private static CsvLines open(Path file, Bounds bounds) throws IOException {
        if (Files.isDirectory(file)) {
            throw new BadInputException("data file is a directory, not a file: " + file);
        }
        long size = Files.size(file);
        if (size > bounds.bytes()) {
            throw new BadInputException("data file " + file + " has " + size + " bytes; a CSV file may have at most "
                    + bounds.bytes() + " (" + (bounds.bytes() >> 20) + " MiB)");
        }
        return new CsvLines(Files.newBufferedReader(file, StandardCharsets.UTF_8), file, bounds.line());
    }

    /**
     * The column names of a CSV file's header (the first line that is neither blank nor a
     * comment), read within the limits of {@link #read}.
     */
    public static List<String> header(Path file) {
        Bounds bounds = new Bounds(Limits.MAX_CSV_BYTES, Limits.MAX_CSV_LINE, Limits.MAX_CSV_CELLS);
        try (CsvLines in = open(file, bounds)) {
            String[] header = header(in);
            if (header == null) {
                throw new BadInputException(file + " is empty: no header row with column names");
            }
            List<String> names = new ArrayList<>();
            for (String h : header) {
                names.add(h.strip());
            }
            return names;
        } catch (NoSuchFileException e) {
            throw new BadInputException("data file not found: " + file, e);
        } catch (CharacterCodingException e) {
            throw new BadInputException("data file " + file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new BadInputException("cannot read data file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The header's fields, or null when the file has none; {@code in} is then at the first data line. */
    private static String[] header(CsvLines in) throws IOException {
        String line;
        while ((line = in.next()) != null) {
            if (in.lineNo() == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (!skipped(line)) {
                return line.split(",", -1);
            }
        }
        return null;
    }

    private static CsvSeriesDataset parse(CsvLines in, Path file, List<String> inputColumns,
                                          List<String> targetColumns, int window, int stride, int targetShift,
                                          Bounds bounds)
            throws IOException {
        String name = file.toString();
        String line;
        String[] header = header(in);
        int headerLine = in.lineNo();
        int lineNo = headerLine;
        if (header == null) {
            throw new BadInputException(name + " is empty: no header row with column names");
        }
        Map<String, Integer> columnOf = new HashMap<>();
        for (int c = 0; c < header.length; c++) {
            header[c] = header[c].trim();
            if (header[c].isEmpty()) {
                throw new BadInputException(name + " line " + headerLine + ": column " + (c + 1)
                        + " of the header has no name");
            }
            if (columnOf.putIfAbsent(header[c], c) != null) {
                throw new BadInputException(name + " line " + headerLine + ": column name '" + header[c]
                        + "' appears twice in the header");
            }
        }
        int[] inCols = columns(inputColumns, columnOf, header, name, headerLine, "data.input_columns");
        int[] outCols = columns(targetColumns, columnOf, header, name, headerLine, "data.target_columns");

        Growable inputs = new Growable();
        Growable targets = new Growable();
        int rows = 0;
        long maxRows = bounds.cells() / header.length;
        while ((line = in.next()) != null) {
            lineNo = in.lineNo();
            if (skipped(line)) {
                continue;
            }
            if (rows >= maxRows) {
                throw new BadInputException(name + " line " + lineNo + ": more than " + maxRows + " data rows of "
                        + header.length + " columns; a CSV file may have at most " + bounds.cells()
                        + " values (data rows × columns)");
            }
            String[] fields = line.split(",", -1);
            if (fields.length != header.length) {
                throw new BadInputException(name + " line " + lineNo + ": " + fields.length + " fields, but the header"
                        + " (line " + headerLine + ") has " + header.length);
            }
            for (int c : inCols) {
                inputs.add(number(fields[c], header[c], name, lineNo));
            }
            for (int c : outCols) {
                targets.add(number(fields[c], header[c], name, lineNo));
            }
            rows++;
        }
        int needed = window + targetShift;
        if (rows < needed) {
            throw new BadInputException(name + " has " + rows + " data rows (up to line " + lineNo
                    + "), fewer than one window needs: window " + window + " + target_shift " + targetShift + " = "
                    + needed);
        }
        return new CsvSeriesDataset(file, inputColumns, targetColumns, rows, window, stride, targetShift,
                inputs.toArray(), targets.toArray());
    }

    private static boolean skipped(String line) {
        String t = line.strip();
        return t.isEmpty() || t.startsWith("#");
    }

    private static int[] columns(List<String> names, Map<String, Integer> columnOf, String[] header, String file,
                                 int headerLine, String key) {
        int[] idx = new int[names.size()];
        for (int i = 0; i < idx.length; i++) {
            Integer c = columnOf.get(names.get(i));
            if (c == null) {
                throw new BadInputException(file + " line " + headerLine + ": no column named '" + names.get(i)
                        + "' (" + key + "); the header has " + String.join(", ", header));
            }
            idx[i] = c;
        }
        return idx;
    }

    private static double number(String field, String column, String file, int lineNo) {
        String f = field.strip();
        double v;
        try {
            v = Double.parseDouble(f);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!Double.isFinite(v) || f.isEmpty()) {
            throw new BadInputException(file + " line " + lineNo + ", column '" + column
                    + "': expected a finite number, but was '" + f + "'");
        }
        return v;
    }

    /** A double list that grows by doubling, so reading stays linear. */
    private static final class Growable {
        double[] a = new double[1024];
        int n;

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    public Path file() {
        return file;
    }

    /** Data rows in the file (comments, blank lines and the header not counted). */
    public int rows() {
        return rows;
    }

    public List<String> inputColumns() {
        return inputColumns;
    }

    public List<String> targetColumns() {
        return targetColumns;
    }

    public int stride() {
        return stride;
    }

    public int targetShift() {
        return targetShift;
    }

    /** First data row (0-based, over data rows only) of sequence {@code seq}. */
    public int start(int seq) {
        return seq * stride;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int length() {
        return window;
    }

    @Override
    public int inputSize() {
        return inputColumns.size();
    }

    @Override
    public int targetSize() {
        return targetColumns.size();
    }

    @Override
    public double input(int seq, int t, int i) {
        check(seq, t, i, inputColumns.size());
        return inputs[(seq * stride + t) * inputColumns.size() + i];
    }

    @Override
    public double target(int seq, int t, int i) {
        check(seq, t, i, targetColumns.size());
        return targets[(seq * stride + t + targetShift) * targetColumns.size() + i];
    }

    private void check(int seq, int t, int i, int width) {
        if (seq < 0 || seq >= count || t < 0 || t >= window || i < 0 || i >= width) {
            throw new IndexOutOfBoundsException("seq " + seq + ", t " + t + ", i " + i + " outside " + count + " x "
                    + window + " x " + width);
        }
    }
}
