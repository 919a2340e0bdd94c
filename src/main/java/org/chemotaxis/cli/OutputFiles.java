package org.chemotaxis.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.report.RunFolder;

/**
 * The files a command is told to write ({@code --out}, {@code --plot}), checked before it starts:
 * never one of a run folder's own files (config.yml, checkpoint.json, model.json, events, ...),
 * never a file the command reads, never a folder; and their folder exists or can be made.
 */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * @param option the option that named it, for the message
     * @param inputs files the command reads (a run's data, --data)
     */
    static void check(String option, Path target, List<Path> inputs) {
        if (RunFolder.isRunFile(target)) {
            throw new BadInputException(option + " " + target + " is a file of the run folder "
                    + target.toAbsolutePath().normalize().getParent() + "; choose another file");
        }
        for (Path in : inputs) {
            if (in != null && same(in, target)) {
                throw new BadInputException(option + " " + target + " is a file this command reads (" + in
                        + "); choose another file");
            }
        }
        if (Files.isDirectory(target)) {
            throw new BadInputException(option + " " + target + " is a folder; give a file name");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
            throw new BadInputException(option + " " + target + " is not a regular file");
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new BadInputException("cannot write " + option + " " + target + ": permission denied");
        }
        for (Path p = target.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new BadInputException(option + " " + target + ": " + p + " is a file, not a folder");
                }
                if (!Files.isWritable(p)) {
                    throw new BadInputException("cannot write " + option + " " + target + ": " + p
                            + " is not writable (permission denied)");
                }
                break;
            }
        }
    }

    private static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to comparing the paths
        }
        return Objects.equals(a.toAbsolutePath().normalize(), b.toAbsolutePath().normalize());
    }
}
