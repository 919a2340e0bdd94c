package org.chemotaxis.problem;

import java.util.List;
import java.util.random.RandomGenerator;
import org.chemotaxis.api.BadParameterException;
import org.chemotaxis.api.ClosedLoopProblem;
import org.chemotaxis.api.Environment;
import org.chemotaxis.api.Parameter;
import org.chemotaxis.api.Parameters;
import org.chemotaxis.api.Problem;
import org.chemotaxis.api.ProblemFactory;

/**
 * A closed loop small enough for tests: a point starts at x in [-1, 1) and the network moves it by
 * gain tanh(action) per step; each step pays -|x|. Doing nothing returns about -steps / 2; steering
 * to 0 does much better. Parameters can make it throw or pay NaN, for the failure tests.
 */
public final class ReachProblem implements ProblemFactory {

    @Override
    public String name() {
        return "reach";
    }

    @Override
    public String description() {
        return "move a point on a line to 0 (a test problem)";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.of("steps", 20, "steps per episode"),
                Parameter.of("gain", 0.2, "largest move per step"),
                Parameter.of("fail_in", "", "'reset' or 'step': throw there (tests)"),
                Parameter.of("nan_after", -1, "pay NaN from this step on (tests); -1: never"));
    }

    @Override
    public Problem create(Parameters p) {
        int steps = p.getInt("steps");
        double gain = p.getDouble("gain");
        String failIn = p.getString("fail_in");
        int nanAfter = p.getInt("nan_after");
        if (steps < 1) {
            throw new BadParameterException("steps", "must be > 0, but was " + steps);
        }
        if (!(gain > 0)) {
            throw new BadParameterException("gain", "must be > 0, but was " + gain);
        }
        if (!List.of("", "reset", "step").contains(failIn)) {
            throw new BadParameterException("fail_in", "must be '', 'reset' or 'step', but was '" + failIn + "'");
        }
        return new ClosedLoopProblem() {
            @Override
            public int observationSize() {
                return 1;
            }

            @Override
            public int actionSize() {
                return 1;
            }

            @Override
            public int maxSteps() {
                return steps;
            }

            @Override
            public Environment newEnvironment() {
                return new Environment() {
                    double x;
                    int t;

                    @Override
                    public void reset(RandomGenerator random, double[] observation) {
                        if (failIn.equals("reset")) {
                            throw new IllegalStateException("the point fell off the line");
                        }
                        x = 2 * random.nextDouble() - 1;
                        t = 0;
                        observation[0] = x;
                    }

                    @Override
                    public double step(double[] action, double[] observation) {
                        if (failIn.equals("step")) {
                            throw new IllegalStateException("the point is stuck");
                        }
                        x += gain * StrictMath.tanh(action[0]);
                        observation[0] = x;
                        t++;
                        return nanAfter >= 0 && t > nanAfter ? Double.NaN : -Math.abs(x);
                    }

                    @Override
                    public boolean done() {
                        return Math.abs(x) < 1e-3;
                    }
                };
            }
        };
    }
}
