package org.chemotaxis.cli;

import java.nio.file.Path;
import org.chemotaxis.report.AtomicFiles;
import picocli.CommandLine.Option;

/** {@code --out FILE} of the commands that write a table and its plot (generate, predict). */
final class CsvOutput {

    @Option(names = "--out", paramLabel = "FILE", description = "CSV file (default: stdout); the PNG goes beside it, else into RUN_DIR")
    Path out;

    /** Writes the table to FILE (atomically) or stdout, and says where its PNG goes. */
    Path write(String csv, Path pngInRunDir) {
        if (out == null) {
            System.out.print(csv);
            System.out.flush();
            return pngInRunDir;
        }
        AtomicFiles.writeString(out, csv);
        return out.toAbsolutePath().resolveSibling(out.getFileName().toString().replaceFirst("\\.csv$", "") + ".png");
    }
}
