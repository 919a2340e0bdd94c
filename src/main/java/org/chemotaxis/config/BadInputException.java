package org.chemotaxis.config;

/**
 * A configuration, data file or command-line value that is wrong. The message is the one line
 * to show the user: it names the key or the file and line, and the offending value. Callers map
 * this exception to exit code 2 and write nothing (DESIGN.md, contract 5).
 */
public class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
