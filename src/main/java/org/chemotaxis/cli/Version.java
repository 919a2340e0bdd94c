package org.chemotaxis.cli;

import picocli.CommandLine;

/** The version from the jar manifest (or "dev" when run from classes). */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"chemotaxis " + (v == null ? "dev" : v) + " (Java " + System.getProperty("java.version") + ")"};
    }
}
