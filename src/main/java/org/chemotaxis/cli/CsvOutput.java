package org.chemotaxis.cli;

import java.nio.file.Path;
import java.util.List;
import org.chemotaxis.report.AtomicFiles;
import picocli.CommandLine.Option;

/** {@code --out FILE} of the commands that write a table and its plot (generate, predict). */
final class CsvOutput {

    @Option(names = "--out", paramLabel = "FILE", description = "CSV file (default: stdout); the PNG goes beside it, else into RUN_DIR")
    Path out;

    /**
     * Checks, before the command computes anything, that FILE and the PNG beside it may be written:
     * neither is a file of a run folder (but {@code pngInRunDir}, the command's own plot) nor one of
     * {@code inputs}.
     */
    void check(Path pngInRunDir, List<Path> inputs) {
        if (out == null) {
            return;
        }
        OutputFiles.check("--out", out, inputs);
        Path png = png();
        if (!png.equals(pngInRunDir.toAbsolutePath().normalize())) {
            OutputFiles.check("--out (its plot)", png, inputs);
        }
    }

    /** Writes the table to FILE (atomically) or stdout, and says where its PNG goes. */
    Path write(String csv, Path pngInRunDir) {
        if (out == null) {
            System.out.print(csv);
            System.out.flush();
            return pngInRunDir;
        }
        AtomicFiles.writeString(out, csv);
        return png();
    }

    private Path png() {
        return out.toAbsolutePath().normalize().resolveSibling(
                out.getFileName().toString().replaceFirst("\\.csv$", "") + ".png");
    }
}
