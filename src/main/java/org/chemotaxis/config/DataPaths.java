package org.chemotaxis.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a relative {@code data.path} points: a config file names its data as seen from the file's
 * own folder (so an experiment and its CSV move together and run from any working directory),
 * a {@code --set data.path=...} as seen from the working directory, like any path typed on a
 * command line. Either way the resolved config holds the absolute path, so the run folder's
 * config.yml finds the data again and messages name the file unambiguously.
 */
final class DataPaths {

    private DataPaths() {
    }

    static ExperimentConfig resolve(ExperimentConfig config, Path configFile, List<String> overrides, ConfigCheck domain) {
        String p = config.data().path();
        if (p == null || p.isBlank()) {
            return config;
        }
        Path path = Path.of(p);
        if (path.isAbsolute()) {
            return config;
        }
        boolean typed = overrides.stream().map(String::strip)
                .anyMatch(o -> o.startsWith("data.path=") || o.startsWith("data=") && o.contains("path"));
        Path base = typed ? Path.of("") : configFile.toAbsolutePath().getParent();
        String absolute = base.toAbsolutePath().resolve(path).normalize().toString();
        return ConfigLoader.applyOverrides(config, List.of("data.path='" + absolute.replace("'", "''") + "'"), domain);
    }
}
