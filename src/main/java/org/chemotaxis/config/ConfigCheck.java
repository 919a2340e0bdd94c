package org.chemotaxis.config;

import java.util.List;

/**
 * Rules that only a domain can check, such as "this field spec parses" or "this input is one the
 * network knows". The layer that turns a config into domain objects (experiment/) supplies them
 * to {@link ConfigLoader}, which reports their problems like its own (key, message, line), so
 * that config/ stays plain records and imports no domain package.
 */
@FunctionalInterface
public interface ConfigCheck {

    /** Checks nothing beyond the config's own rules. */
    ConfigCheck NONE = config -> List.of();

    /** Every broken rule of this check; empty when the config passes. */
    List<ExperimentConfig.Problem> problems(ExperimentConfig config);
}
