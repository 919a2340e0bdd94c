package org.chemotaxis.problem;

import java.util.Arrays;
import org.chemotaxis.api.ClosedLoopProblem;
import org.chemotaxis.api.Environment;
import org.chemotaxis.model.RecurrentModel;

/**
 * A closed-loop problem's loss: the network steers every episode of the sample in lockstep (the
 * episodes are the rows of one batch), each episode in its own {@link Environment}, until each is
 * done or has run the problem's maxSteps; the loss is the problem's loss of the returns. An
 * episode that is done keeps its last observation and earns nothing more.
 */
final class ClosedLoopObjective extends ProblemObjective {

    private final ClosedLoopProblem problem;

    ClosedLoopObjective(String name, ClosedLoopProblem problem, RecurrentModel model, int batch) {
        super(name, model, batch);
        if (problem.maxSteps() < 1) {
            throw new IllegalArgumentException("problem '" + name + "': maxSteps must be > 0, but was "
                    + problem.maxSteps());
        }
        this.problem = problem;
    }

    /** Buffers of one thread, grown to the largest sample it has seen. */
    private final ThreadLocal<Episodes> buffers = ThreadLocal.withInitial(Episodes::new);

    private final class Episodes {
        final ModelNetwork network = new ModelNetwork(model);
        Environment[] envs = new Environment[0];
        double[][] observation = new double[0][];
        double[][] action = new double[0][];
        double[] input = new double[0];
        double[] output = new double[0];
        double[] returns = new double[0];
        boolean[] active = new boolean[0];

        void ensure(int n) {
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
                    throw failure("newEnvironment", e);
                }
                observation[i] = new double[problem.observationSize()];
                action[i] = new double[problem.actionSize()];
            }
            input = new double[n * problem.observationSize()];
            output = new double[n * problem.actionSize()];
            active = new boolean[n];
        }
    }

    @Override
    double loss(double[] theta, EpisodeKeys key) {
        int n = key.size();
        Episodes e = buffers.get();
        e.ensure(n);
        int in = problem.observationSize();
        int out = problem.actionSize();
        double[] returns = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                e.envs[i].reset(key.random(i), e.observation[i]);
            } catch (RuntimeException x) {
                throw failure("reset", x);
            }
            e.active[i] = true;
        }
        ModelNetwork net = e.network.parameters(theta);
        net.reset(n);
        int running = n;
        for (int t = 0; t < problem.maxSteps() && running > 0; t++) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(e.observation[i], 0, e.input, i * in, in);
            }
            net.step(e.input, e.output);
            for (int i = 0; i < n; i++) {
                if (!e.active[i]) {
                    continue;
                }
                System.arraycopy(e.output, i * out, e.action[i], 0, out);
                try {
                    returns[i] += e.envs[i].step(e.action[i], e.observation[i]);
                    if (e.envs[i].done()) {
                        e.active[i] = false;
                        running--;
                    }
                } catch (RuntimeException x) {
                    throw failure("step", x);
                }
            }
        }
        try {
            return problem.loss(returns);
        } catch (RuntimeException x) {
            throw failure("loss", x);
        }
    }
}
