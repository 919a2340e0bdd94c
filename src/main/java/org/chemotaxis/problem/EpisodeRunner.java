package org.chemotaxis.problem;

import java.util.Arrays;
import java.util.function.BiFunction;
import org.chemotaxis.api.ClosedLoopProblem;
import org.chemotaxis.api.Environment;
import org.chemotaxis.api.Network;
import org.chemotaxis.api.SampleKey;

/**
 * Runs the episodes of a sample of a closed-loop problem with a {@link Network} as the policy:
 * every episode in its own {@link Environment}, all in lockstep as the rows of one batch, until
 * each is done or has run the problem's maxSteps. An episode that is done keeps its last
 * observation and earns nothing more. One per thread: it keeps the environments and buffers of
 * the largest sample it has run.
 */
final class EpisodeRunner {

    private final ClosedLoopProblem problem;
    /** Wraps an exception of the problem's own code (where, exception) so that it names the problem. */
    private final BiFunction<String, RuntimeException, RuntimeException> failure;

    private Environment[] envs = new Environment[0];
    private double[][] observation = new double[0][];
    private double[][] action = new double[0][];
    private double[] input = new double[0];
    private double[] output = new double[0];
    private boolean[] active = new boolean[0];

    EpisodeRunner(ClosedLoopProblem problem, BiFunction<String, RuntimeException, RuntimeException> failure) {
        this.problem = problem;
        this.failure = failure;
    }

    private void ensure(int n) {
        if (envs.length >= n) {
            return;
        }
        int old = envs.length;
        envs = Arrays.copyOf(envs, n);
        observation = Arrays.copyOf(observation, n);
        action = Arrays.copyOf(action, n);
        for (int i = old; i < n; i++) {
            try {
                envs[i] = problem.newEnvironment();
            } catch (RuntimeException e) {
                throw failure.apply("newEnvironment", e);
            }
            observation[i] = new double[problem.observationSize()];
            action[i] = new double[problem.actionSize()];
        }
        input = new double[n * problem.observationSize()];
        output = new double[n * problem.actionSize()];
        active = new boolean[n];
    }

    /** The return (sum of rewards) of every episode of {@code key}, in item order. */
    double[] returns(Network net, SampleKey key) {
        int n = key.size();
        ensure(n);
        int in = problem.observationSize();
        int out = problem.actionSize();
        double[] returns = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                envs[i].reset(key.random(i), observation[i]);
            } catch (RuntimeException x) {
                throw failure.apply("reset", x);
            }
            active[i] = true;
        }
        net.reset(n);
        int running = n;
        for (int t = 0; t < problem.maxSteps() && running > 0; t++) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(observation[i], 0, input, i * in, in);
            }
            net.step(input, output);
            for (int i = 0; i < n; i++) {
                if (!active[i]) {
                    continue;
                }
                System.arraycopy(output, i * out, action[i], 0, out);
                try {
                    returns[i] += envs[i].step(action[i], observation[i]);
                    if (envs[i].done()) {
                        active[i] = false;
                        running--;
                    }
                } catch (RuntimeException x) {
                    throw failure.apply("step", x);
                }
            }
        }
        return returns;
    }
}
