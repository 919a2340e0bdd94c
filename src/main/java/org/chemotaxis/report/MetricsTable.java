package org.chemotaxis.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chemotaxis.config.BadInputException;

/** metrics.csv read back by column name: the numbers the plots of a run are drawn from. */
public final class MetricsTable {

    private final Path file;
    private final List<String> header;
    private final String[][] rows;

    private MetricsTable(Path file, List<String> header, String[][] rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    public static MetricsTable read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + csv + ": " + FileProblems.why(e));
        }
        if (lines.isEmpty()) {
            return new MetricsTable(csv, List.of(), new String[0][]);
        }
        List<String> header = List.of(lines.get(0).split(","));
        List<String[]> rows = new java.util.ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] row = lines.get(i).split(",", -1);
            // A row cut off by a kill or a full disk (fewer fields) is left out: its epoch's numbers are lost.
            if (row.length >= header.size()) {
                rows.add(row);
            }
        }
        return new MetricsTable(csv, header, rows.toArray(new String[0][]));
    }

    public int size() {
        return rows.length;
    }

    /** Epochs counted from 1, as on the console. */
    public double[] epochs() {
        double[] e = column("epoch");
        for (int i = 0; i < e.length; i++) {
            e[i] += 1;
        }
        return e;
    }

    public double[] column(String name) {
        int c = header.indexOf(name);
        if (c < 0) {
            throw new BadInputException(file + " has no column '" + name + "'");
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            try {
                out[i] = Double.parseDouble(rows[i][c]);
            } catch (RuntimeException e) {
                throw new BadInputException("line " + (i + 2) + " of " + file + " is not a metrics row: "
                        + String.join(",", rows[i]));
            }
        }
        return out;
    }

    /**
     * Row of the saved model: the last epoch that improved the validation loss (the column
     * "improved"), or the smallest validation loss for a table without that column; -1 if empty.
     */
    public int bestRow() {
        int c = header.indexOf("improved");
        int best = -1;
        if (c >= 0) {
            for (int i = 0; i < rows.length; i++) {
                if (c < rows[i].length && rows[i][c].strip().equals("true")) {
                    best = i;
                }
            }
            return best;
        }
        double[] v = column("validation_loss");
        for (int i = 0; i < v.length; i++) {
            if (best < 0 || v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }
}
