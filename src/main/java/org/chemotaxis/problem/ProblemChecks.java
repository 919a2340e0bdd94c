package org.chemotaxis.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.chemotaxis.api.BadParameterException;
import org.chemotaxis.api.Parameter;
import org.chemotaxis.api.Parameters;
import org.chemotaxis.api.Problem;
import org.chemotaxis.api.ProblemFactory;
import org.chemotaxis.model.ElmanModel;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;

/**
 * Checks a plugin author calls from their own tests (JUnit or anything else): each throws an
 * {@link AssertionError} that says what is wrong and returns normally when the problem keeps the
 * rule. They measure losses the way a run does, with a small Elman network of fixed parameters
 * on training samples of a fixed seed.
 *
 * <pre>{@code
 * @Test void deterministic() { ProblemChecks.sameResultTwice(new MyFactory(), Map.of()); }
 * @Test void keyed()         { ProblemChecks.noRandomnessOfItsOwn(new MyFactory(), Map.of()); }
 * @Test void checksRate()    { ProblemChecks.rejectsBadParameters(new MyFactory(), "rate", -1.0); }
 * }</pre>
 */
public final class ProblemChecks {

    /** Items per sample: small, so that the checks stay cheap. */
    static final int ITEMS = 4;
    private static final long SEED = 20240611L;
    private static final int HIDDEN = 6;
    private static final int SAMPLES = 4;
    private static final int ROUNDS = 3;

    private ProblemChecks() {
    }

    /**
     * The same network parameters on the same sample give the same loss, bit for bit: twice in a
     * row on one problem instance, and on a fresh instance built from the same parameters (as
     * every node of a cluster builds its own).
     *
     * @param params what the config would give under problem.params (the defaults for the rest)
     */
    public static void sameResultTwice(ProblemFactory factory, Map<String, ?> params) {
        Subject a = Subject.of(factory, params);
        Sample sample = ProblemSamples.training(SEED, 0, 0);
        Evaluator ev = a.evaluator(sample);
        double first = a.loss(ev);
        double second = a.loss(ev);
        if (!same(first, second)) {
            throw new AssertionError(a.name + ": the same parameters on the same sample gave the loss " + first
                    + ", then " + second + "; a loss may depend on the network and the sample key only (does the "
                    + "problem keep state between episodes or draw from a random source of its own?)");
        }
        Subject b = Subject.of(factory, params);
        double fresh = b.loss(b.evaluator(sample));
        if (!same(first, fresh)) {
            throw new AssertionError(a.name + ": a fresh instance built from the same parameters gave the loss "
                    + fresh + " where the first gave " + first + " (state shared between instances, e.g. a static "
                    + "field, or randomness of its own?)");
        }
    }

    /**
     * The problem's randomness is the one it is handed: different samples give different losses,
     * one sample always the same, also when two threads measure losses at once (as a node's
     * workers do). A problem with no randomness at all fails the first part; it has no use for
     * this check.
     */
    public static void noRandomnessOfItsOwn(ProblemFactory factory, Map<String, ?> params) {
        Subject s = Subject.of(factory, params);
        Sample[] samples = new Sample[SAMPLES];
        double[] expected = new double[SAMPLES];
        Evaluator ev = s.objective.newEvaluator();
        for (int k = 0; k < SAMPLES; k++) {
            samples[k] = ProblemSamples.training(SEED, 0, k);
            ev.select(samples[k]);
            expected[k] = s.loss(ev);
        }
        boolean allSame = true;
        for (int k = 1; k < SAMPLES; k++) {
            allSame &= same(expected[0], expected[k]);
        }
        if (allSame) {
            throw new AssertionError(s.name + ": " + SAMPLES + " different samples all gave the loss " + expected[0]
                    + "; the problem seems to ignore the random sources it is handed (SampleKey.random, the "
                    + "RandomGenerator of Environment.reset)");
        }
        List<String> problems = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        for (int t = 0; t < 2; t++) {
            int offset = t;
            Thread th = new Thread(() -> {
                Evaluator own = s.objective.newEvaluator();
                try {
                    start.await();
                    for (int r = 0; r < ROUNDS; r++) {
                        for (int j = 0; j < SAMPLES; j++) {
                            int k = offset == 0 ? j : SAMPLES - 1 - j;
                            own.select(samples[k]);
                            double got = s.loss(own);
                            if (!same(got, expected[k])) {
                                synchronized (problems) {
                                    problems.add("sample " + k + " gave " + got + " in thread " + offset + " (round "
                                            + r + "), " + expected[k] + " alone");
                                }
                            }
                        }
                    }
                } catch (Throwable e) {
                    thrown.compareAndSet(null, e);
                }
            }, "problem-check-" + t);
            threads.add(th);
            th.start();
        }
        start.countDown();
        for (Thread th : threads) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        if (thrown.get() != null) {
            throw new AssertionError(s.name + ": a loss measured in two threads at once threw " + thrown.get(),
                    thrown.get());
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(s.name + ": the same sample gave another loss when measured again, in two "
                    + "threads at once: " + problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                    + " more)" : "") + "; draw only from the random sources the problem is handed and keep no "
                    + "state outside the environments");
        }
    }

    /**
     * Building the problem with {@code key} set to {@code badValue} (the other parameters at
     * their defaults) is a {@link BadParameterException} naming {@code key}: the project then
     * reports it as {@code problem.params.KEY} with the config's line, exit 2.
     */
    public static void rejectsBadParameters(ProblemFactory factory, String key, Object badValue) {
        String name = "problem '" + factory.name() + "'";
        if (factory.parameters().stream().map(Parameter::name).noneMatch(key::equals)) {
            throw new AssertionError(name + " declares no parameter '" + key + "'; it has: "
                    + String.join(", ", factory.parameters().stream().map(Parameter::name).toList()));
        }
        Problem built;
        try {
            built = factory.create(Parameters.of(factory.parameters(), Map.of(key, badValue)));
        } catch (BadParameterException e) {
            if (!key.equals(e.key())) {
                throw new AssertionError(name + ": " + key + " = " + badValue + " was rejected, but naming '"
                        + e.key() + "' instead of '" + key + "': " + e.getMessage(), e);
            }
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError(name + ": " + key + " = " + badValue + " was rejected without a message", e);
            }
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(name + ": " + key + " = " + badValue + " threw " + e + " instead of a "
                    + "BadParameterException naming '" + key + "' (it would not be reported with its key and line)", e);
        }
        throw new AssertionError(name + " accepted " + key + " = " + badValue + " and built " + built);
    }

    private static boolean same(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }

    /** A problem built from its parameters, as a run's objective, with one fixed parameter vector. */
    private static final class Subject {
        final String name;
        final ProblemObjective objective;
        final double[] theta;

        private Subject(String name, ProblemObjective objective, double[] theta) {
            this.name = name;
            this.objective = objective;
            this.theta = theta;
        }

        static Subject of(ProblemFactory factory, Map<String, ?> params) {
            String name = "problem '" + factory.name() + "'";
            Problem problem = factory.create(Parameters.of(factory.parameters(), params));
            if (problem == null) {
                throw new AssertionError(name + ": create returned null");
            }
            int[] sizes = ProblemObjective.sizes(problem);
            RecurrentModel model = new ElmanModel(sizes[0], HIDDEN, sizes[1]);
            double[] theta = new double[model.parameterCount()];
            model.initialize(theta, SEED);
            return new Subject(name, ProblemObjective.of(factory.name(), problem, model, ITEMS), theta);
        }

        Evaluator evaluator(Sample sample) {
            Evaluator ev = objective.newEvaluator();
            ev.select(sample);
            return ev;
        }

        double loss(Evaluator ev) {
            double loss = ev.loss(theta);
            if (!Double.isFinite(loss)) {
                throw new AssertionError(name + ": the loss is " + loss + "; it must be finite");
            }
            return loss;
        }
    }
}
