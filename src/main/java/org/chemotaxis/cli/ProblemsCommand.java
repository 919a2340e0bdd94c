package org.chemotaxis.cli;

import java.util.concurrent.Callable;
import org.chemotaxis.api.Parameter;
import org.chemotaxis.problem.ProblemRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code problems}: the plugin problems this node can train, with their parameters. */
@Command(name = "problems", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List the problems installed from plugins (problem.type) and their parameters (problem.params).")
public final class ProblemsCommand implements Callable<Integer> {

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        ProblemRegistry r = plugins.registry();
        if (r.entries().isEmpty()) {
            System.out.println("no problems installed; looked on the class path"
                    + (r.folders().isEmpty() ? "" : " and in " + r.folders()));
            return ExitCode.OK;
        }
        for (ProblemRegistry.Entry e : r.entries()) {
            System.out.println(e.name() + "  " + e.factory().description());
            System.out.println("  from " + e.source() + (e.sha256() == null ? "" : " (sha256 " + e.sha256() + ")"));
            for (Parameter p : e.factory().parameters()) {
                System.out.println("  problem.params." + p.name() + " = " + p.defaultValue() + "  " + p.description());
            }
        }
        return ExitCode.OK;
    }
}
