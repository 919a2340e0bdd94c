package org.chemotaxis.examples.thermotaxis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.chemotaxis.api.Network;
import org.chemotaxis.api.Parameters;
import org.chemotaxis.api.SampleKey;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.experiment.Configs;
import org.chemotaxis.problem.ClosedLoopScore;
import org.chemotaxis.problem.ProblemRegistry;
import org.chemotaxis.problem.ProblemSamples;

/**
 * Scores the hand-written controllers, one line each ({@code NAME deviation_C=X}):
 *
 * <pre>
 * java -cp target/chemotaxis-all.jar:examples/thermotaxis/target/thermotaxis.jar \
 *     org.chemotaxis.examples.thermotaxis.Baselines RUN_DIR
 * java -cp ... org.chemotaxis.examples.thermotaxis.Baselines --seed 7 --episodes 200
 * </pre>
 *
 * With a run folder they run on exactly the episodes that run validated on (its seed,
 * problem.params and problem.validation_episodes from its config.yml), so the numbers compare
 * with the metric column of its metrics.csv. With a seed they run on the default world's
 * validation episodes of that seed.
 */
public final class Baselines {

    private Baselines() {
    }

    /** The controllers compared with a trained network, by name. */
    static Map<String, Network> controllers() {
        Map<String, Network> out = new LinkedHashMap<>();
        out.put("straight", new Controller.Straight());
        out.put("klinotaxis", new Controller.Klinotaxis(0.5, 1.0));
        return out;
    }

    public static void main(String[] args) {
        long seed;
        int episodes;
        Map<String, Object> params;
        if (args.length == 1 && !args[0].startsWith("-")) {
            Path config = Path.of(args[0]).resolve("config.yml");
            if (!Files.isRegularFile(config)) {
                System.err.println("error: " + config + " does not exist: give a run folder");
                System.exit(2);
            }
            ExperimentConfig c = Configs.load(config, List.of(), ProblemRegistry.classPath());
            if (!"thermotaxis".equals(c.problem().type())) {
                System.err.println("error: " + config + " is not a thermotaxis run (problem.type: " + c.problem().type()
                        + ")");
                System.exit(2);
            }
            seed = c.seed();
            episodes = c.problem().validationEpisodes();
            params = c.problem().params();
        } else if (args.length == 4 && args[0].equals("--seed") && args[2].equals("--episodes")) {
            seed = Long.parseLong(args[1]);
            episodes = Integer.parseInt(args[3]);
            params = Map.of();
        } else {
            System.err.println("usage: Baselines RUN_DIR | Baselines --seed S --episodes N");
            System.exit(2);
            return;
        }
        ThermotaxisFactory f = new ThermotaxisFactory();
        Thermotaxis problem = (Thermotaxis) f.create(Parameters.of(f.parameters(), params));
        SampleKey key = ProblemSamples.validationKey(seed, episodes);
        for (Map.Entry<String, Network> e : controllers().entrySet()) {
            double metric = ClosedLoopScore.metric(problem, e.getValue(), key);
            System.out.printf(Locale.ROOT, "%s %s=%.6f episodes=%d seed=%d%n", e.getKey(), problem.metricName(), metric,
                    episodes, seed);
        }
    }
}
