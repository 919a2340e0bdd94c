package org.chemotaxis.api;

/**
 * A parameter value a problem cannot work with. The project reports it like any bad config: one
 * line naming {@code problem.params.KEY} and the line of the config file that gave it, exit 2.
 */
public class BadParameterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key     the parameter's name, as in {@link Parameter#name()}
     * @param message what is wrong, e.g. "must be > 0, but was -1"
     */
    public BadParameterException(String key, String message) {
        super(message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
