package org.chemotaxis.cli;

import java.nio.file.Path;
import org.chemotaxis.report.RunLock;

/** A second process that holds a run folder's lock until its standard input closes (for the lock cases). */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
            System.out.println("locked " + ProcessHandle.current().pid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our input
            }
        }
    }
}
