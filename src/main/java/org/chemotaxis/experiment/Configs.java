package org.chemotaxis.experiment;

import java.nio.file.Path;
import java.util.List;
import org.chemotaxis.config.ConfigCheck;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;

/**
 * Loads experiment configs with every rule checked: the config's own and the domain's (the
 * chemotaxis world's specs and inputs). What the commands use; {@link ConfigLoader} alone checks
 * only what config/ knows.
 */
public final class Configs {

    /** The domain's rules, for callers that use {@link ConfigLoader} directly. */
    public static final ConfigCheck DOMAIN_RULES = new ChemotaxisRules();

    private Configs() {
    }

    public static ExperimentConfig load(Path file) {
        return load(file, List.of());
    }

    public static ExperimentConfig load(Path file, List<String> overrides) {
        return ConfigLoader.load(file, overrides, DOMAIN_RULES);
    }

    public static ExperimentConfig parse(String yaml, String sourceName) {
        return parse(yaml, sourceName, List.of());
    }

    public static ExperimentConfig parse(String yaml, String sourceName, List<String> overrides) {
        return ConfigLoader.parse(yaml, sourceName, overrides, DOMAIN_RULES);
    }

    public static String toYaml(ExperimentConfig config) {
        return ConfigLoader.toYaml(config);
    }
}
