package org.chemotaxis.experiment;

import java.util.List;
import java.util.Map;
import org.chemotaxis.api.BadParameterException;
import org.chemotaxis.api.Parameters;
import org.chemotaxis.api.Problem;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.ConfigCheck;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.problem.ProblemRegistry;

/**
 * The rules of the problem section: the named problem is installed, and it accepts its
 * parameters (the problem's own checks, reported as {@code problem.params.KEY} with the line).
 */
final class ProblemRules implements ConfigCheck {

    private final ProblemRegistry registry;

    ProblemRules(ProblemRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<ExperimentConfig.Problem> problems(ExperimentConfig config) {
        if (!config.problem().given() || !config.problem().type().matches("[a-z0-9_-]+")) {
            return List.of();
        }
        ProblemRegistry.Entry entry;
        try {
            entry = registry.get(config.problem().type());
        } catch (BadInputException e) {
            return List.of(new ExperimentConfig.Problem("problem.type", e.getMessage()));
        }
        try {
            create(entry, config.problem().params());
        } catch (BadParameterException e) {
            String key = "problem.params." + e.key();
            return List.of(new ExperimentConfig.Problem(key, key + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            return List.of(new ExperimentConfig.Problem("problem.params", "problem '" + entry.name()
                    + "' cannot be built from problem.params: " + e));
        }
        return List.of();
    }

    /** The problem of {@code entry} built from the config's parameters; BadParameterException as the problem throws it. */
    static Problem create(ProblemRegistry.Entry entry, Map<String, Object> given) {
        Parameters p = Parameters.of(entry.factory().parameters(), given);
        Problem problem = entry.factory().create(p);
        if (problem == null) {
            throw new IllegalStateException("problem '" + entry.name() + "': create returned null");
        }
        return problem;
    }
}
