package org.chemotaxis.cli;

/** The exit codes of every command. */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /** Failed while running (a Failed event says why). */
    public static final int FAILED = 1;
    /** Bad input: a config, file or flag is wrong; nothing was written. */
    public static final int BAD_INPUT = 2;

    private ExitCode() {
    }
}
