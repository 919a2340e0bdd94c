package org.chemotaxis.cli;

/** The exit codes of every command. */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /** Failed while running (a Failed event says why). */
    public static final int FAILED = 1;
    /** Bad input: a config, file or flag is wrong; nothing was written. */
    public static final int BAD_INPUT = 2;
    /** Stopped by Ctrl-C (SIGINT, 128 + 2): the last checkpoint can be resumed. */
    public static final int INTERRUPTED = 130;
    /** Stopped by SIGTERM (128 + 15): the last checkpoint can be resumed. */
    public static final int TERMINATED = 143;

    private ExitCode() {
    }
}
