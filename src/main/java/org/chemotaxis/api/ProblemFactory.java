package org.chemotaxis.api;

import java.util.List;

/**
 * Publishes a problem under a name. List the implementation in
 * {@code META-INF/services/org.chemotaxis.api.ProblemFactory} of the plugin's jar; the project
 * finds it with {@link java.util.ServiceLoader} on the class path and in the plugin folder, and
 * a config selects it with {@code problem.type: NAME}, its parameters under {@code problem.params}.
 * Needs a public no-argument constructor.
 */
public interface ProblemFactory {

    /** The name configs use, e.g. "thermotaxis": lower case letters, digits, '-' and '_'. */
    String name();

    /** One line saying what the problem is, for {@code chemotaxis problems}. */
    String description();

    /** The parameters {@link #create} accepts; any other key under problem.params is an error. */
    List<Parameter> parameters();

    /**
     * Builds the problem from its parameters (the keys of {@link #parameters()} that the config
     * gave; {@link Parameters} supplies the defaults of the others).
     *
     * @throws BadParameterException for a value the problem cannot work with, naming the key
     */
    Problem create(Parameters parameters);
}
