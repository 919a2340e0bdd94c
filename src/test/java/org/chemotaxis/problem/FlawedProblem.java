package org.chemotaxis.problem;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.chemotaxis.api.BadParameterException;
import org.chemotaxis.api.ClosedLoopProblem;
import org.chemotaxis.api.Environment;
import org.chemotaxis.api.Parameter;
import org.chemotaxis.api.Parameters;
import org.chemotaxis.api.Problem;
import org.chemotaxis.api.ProblemFactory;

/**
 * The reach task (a point steered to 0) with one deliberate flaw each, for the tests of {@link
 * ProblemChecks}: the kit must catch every one of them.
 */
final class FlawedProblem implements ProblemFactory {

    enum Flaw {
        /** Draws its start from a java.util.Random of its own. */
        OWN_RANDOM,
        /** Counts episodes in a static field and lets the count shift the start. */
        STATIC_COUNTER,
        /** Starts every episode at the same point, whatever the key. */
        IGNORES_KEY,
        /** Accepts any gain, even a negative one. */
        ACCEPTS_ANY_GAIN,
        /** Rejects a bad gain with an IllegalArgumentException, which carries no key. */
        REJECTS_WITHOUT_KEY,
        /** Rejects a bad gain, but blames "steps". */
        BLAMES_ANOTHER_KEY
    }

    private static final AtomicLong EPISODES = new AtomicLong();

    private final Flaw flaw;

    FlawedProblem(Flaw flaw) {
        this.flaw = flaw;
    }

    @Override
    public String name() {
        return "flawed";
    }

    @Override
    public String description() {
        return "the reach task with a flaw: " + flaw;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.of("steps", 20, "steps per episode"), Parameter.of("gain", 0.2, "largest move"));
    }

    @Override
    public Problem create(Parameters p) {
        int steps = p.getInt("steps");
        double gain = p.getDouble("gain");
        if (!(gain > 0)) {
            switch (flaw) {
                case ACCEPTS_ANY_GAIN -> { }
                case REJECTS_WITHOUT_KEY -> throw new IllegalArgumentException("gain must be > 0");
                case BLAMES_ANOTHER_KEY -> throw new BadParameterException("steps", "must be > 0");
                default -> throw new BadParameterException("gain", "must be > 0, but was " + gain);
            }
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
                Random own = new Random();
                return new Environment() {
                    double x;

                    @Override
                    public void reset(RandomGenerator random, double[] observation) {
                        x = switch (flaw) {
                            case OWN_RANDOM -> 2 * own.nextDouble() - 1;
                            case STATIC_COUNTER -> 2 * random.nextDouble() - 1 + 1e-3 * EPISODES.incrementAndGet();
                            case IGNORES_KEY -> 0.5;
                            default -> 2 * random.nextDouble() - 1;
                        };
                        observation[0] = x;
                    }

                    @Override
                    public double step(double[] action, double[] observation) {
                        x += gain * StrictMath.tanh(action[0]);
                        observation[0] = x;
                        return -StrictMath.abs(x);
                    }

                    @Override
                    public boolean done() {
                        return false;
                    }
                };
            }
        };
    }
}
