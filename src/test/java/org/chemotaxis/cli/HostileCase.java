package org.chemotaxis.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the hostile-input table: what to damage, the command line, the exit code, a fragment
 * the message must contain and whether the workspace must be left exactly as it was.
 */
final class HostileCase {

    interface Setup {
        void apply(HostileWorkspace ws) throws Exception;
    }

    interface Args {
        Object[] of(HostileWorkspace ws) throws Exception;
    }

    interface Check {
        void after(HostileWorkspace ws, String output) throws Exception;
    }

    final String family;
    final String name;
    final Args args;
    final int exit;
    final String fragment;
    Setup setup = ws -> { };
    Check check = (ws, out) -> { };
    /** Exit 2 means nothing written: the default for bad input, checked by digest. */
    boolean unchanged;

    private HostileCase(String family, String name, int exit, String fragment, Args args) {
        this.family = family;
        this.name = name;
        this.exit = exit;
        this.fragment = fragment;
        this.args = args;
        this.unchanged = exit == ExitCode.BAD_INPUT;
    }

    /** Bad input: exit 2, one line with {@code fragment}, the workspace unchanged. */
    static HostileCase bad(String family, String name, String fragment, Args args) {
        return new HostileCase(family, name, ExitCode.BAD_INPUT, fragment, args);
    }

    /** A failure while running (a full disk): exit 1, {@code fragment} in its output. */
    static HostileCase failed(String family, String name, String fragment, Args args) {
        return new HostileCase(family, name, ExitCode.FAILED, fragment, args);
    }

    /** Damage the command copes with: exit 0, {@code fragment} somewhere in its output (a warning). */
    static HostileCase ok(String family, String name, String fragment, Args args) {
        return new HostileCase(family, name, ExitCode.OK, fragment, args);
    }

    HostileCase given(Setup s) {
        Setup before = setup;
        setup = ws -> {
            before.apply(ws);
            s.apply(ws);
        };
        return this;
    }

    /** The workspace changes under the command (another process writes into it), so it is not compared. */
    HostileCase changing() {
        unchanged = false;
        return this;
    }

    /** The command fails, yet leaves the workspace exactly as it was. */
    HostileCase unchanged() {
        unchanged = true;
        return this;
    }

    HostileCase then(Check c) {
        check = c;
        return this;
    }

    String[] commandLine(HostileWorkspace ws) throws Exception {
        List<String> out = new ArrayList<>();
        for (Object o : args.of(ws)) {
            out.add(o instanceof Path p ? p.toString() : String.valueOf(o));
        }
        return out.toArray(new String[0]);
    }

    @Override
    public String toString() {
        return family + ": " + name;
    }
}
