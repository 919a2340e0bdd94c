package org.chemotaxis.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chemotaxis.problem.ProblemRegistry;
import picocli.CommandLine.Option;

/** {@code --plugins DIR}: where a command looks for problem plugins, besides the class path. */
final class PluginOptions {

    /** bin/chemotaxis sets it to the plugins/ folder beside the launcher. */
    static final String DEFAULT_FOLDER_PROPERTY = "chemotaxis.plugins";

    @Option(names = "--plugins", paramLabel = "DIR", description = "a folder of problem plugin jars (repeatable; "
            + "default: plugins/ beside bin/chemotaxis); see docs/EXTENDING.md")
    List<Path> folders = new ArrayList<>();

    private ProblemRegistry registry;

    /** The folders searched: those given, else the launcher's default folder (if it is set). */
    List<Path> folders() {
        if (!folders.isEmpty()) {
            return folders;
        }
        String d = System.getProperty(DEFAULT_FOLDER_PROPERTY);
        return d == null || d.isBlank() ? List.of() : List.of(Path.of(d));
    }

    /** The problems installed for this command, loaded once. */
    ProblemRegistry registry() {
        if (registry == null) {
            registry = ProblemRegistry.load(folders());
            registry.warnings().forEach(w -> System.err.println("warning: " + w));
        }
        return registry;
    }
}
