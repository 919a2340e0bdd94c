package org.chemotaxis.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chemotaxis.config.ConfigCheck;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.problem.ProblemRegistry;

/**
 * Loads experiment configs with every rule checked: the config's own and the domain's (the
 * chemotaxis world's specs and inputs, the plugin problem and its parameters). What the commands
 * use; {@link ConfigLoader} alone checks only what config/ knows.
 */
public final class Configs {

    /** The chemotaxis world's rules, for callers that use {@link ConfigLoader} directly. */
    public static final ConfigCheck DOMAIN_RULES = new ChemotaxisRules();

    private Configs() {
    }

    /** Every domain rule, with the problems of {@code registry}. */
    public static ConfigCheck rules(ProblemRegistry registry) {
        ConfigCheck problems = new ProblemRules(registry);
        return config -> {
            List<ExperimentConfig.Problem> out = new ArrayList<>(DOMAIN_RULES.problems(config));
            out.addAll(problems.problems(config));
            return out;
        };
    }

    public static ExperimentConfig load(Path file) {
        return load(file, List.of());
    }

    public static ExperimentConfig load(Path file, List<String> overrides) {
        return load(file, overrides, Experiments.classPathProblems());
    }

    public static ExperimentConfig load(Path file, List<String> overrides, ProblemRegistry registry) {
        return ConfigLoader.load(file, overrides, rules(registry));
    }

    public static ExperimentConfig parse(String yaml, String sourceName) {
        return parse(yaml, sourceName, List.of());
    }

    public static ExperimentConfig parse(String yaml, String sourceName, List<String> overrides) {
        return parse(yaml, sourceName, overrides, Experiments.classPathProblems());
    }

    public static ExperimentConfig parse(String yaml, String sourceName, List<String> overrides,
                                         ProblemRegistry registry) {
        return ConfigLoader.parse(yaml, sourceName, overrides, rules(registry));
    }

    public static String toYaml(ExperimentConfig config) {
        return ConfigLoader.toYaml(config);
    }
}
