package org.chemotaxis.cli;

import akka.actor.typed.ActorSystem;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.web.Dashboard;
import org.chemotaxis.web.EventFeed;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** --dashboard [PORT] and --dashboard-host: a live web page of the run, served by this node. */
final class DashboardOptions {

    static final String DEFAULT_PORT = "8800";

    @Option(names = "--dashboard", arity = "0..1", fallbackValue = DEFAULT_PORT, paramLabel = "PORT",
            preprocessor = OptionalPort.class,
            description = "serve a live dashboard of the run on PORT (without PORT: " + DEFAULT_PORT + "; 0: any free port)")
    Integer port;

    @Option(names = "--dashboard-host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "address the dashboard binds (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes it)")
    String host;

    /**
     * {@code --dashboard CONFIG}: a following argument that is not a number is the next
     * parameter, not a bad port (picocli would take it as the port).
     */
    static final class OptionalPort implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandLine.Model.CommandSpec spec, CommandLine.Model.ArgSpec arg,
                                  Map<String, Object> info) {
            if (" ".equals(info.get("separator")) && (args.isEmpty() || !args.peek().matches("\\d+"))) {
                args.push(DEFAULT_PORT);
            }
            return false;
        }
    }

    boolean enabled() {
        return port != null;
    }

    void validate() {
        if (port != null && (port < 0 || port > 65535)) {
            throw new BadInputException("--dashboard port must be in 0..65535, but was " + port);
        }
    }

    /**
     * Serves the dashboard on {@code system} and prints its address; a port that cannot be bound
     * is reported and the node goes on without a dashboard (the run matters more than its view).
     */
    void start(ActorSystem<?> system, EventFeed feed) {
        try {
            Dashboard d = Dashboard.start(system, host, port, feed);
            System.err.println("dashboard at " + d.url());
        } catch (IllegalStateException e) {
            System.err.println("no dashboard: " + e.getMessage());
        }
    }
}
