package org.chemotaxis.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.task.Evaluator;

/**
 * The training loop on a fixed pool of threads, without actors: each step's tasks go to the pool,
 * the unperturbed loss is measured meanwhile, the values are reduced in index order. The same
 * numbers as {@link PlainTrainer} and the actor runtime; the baseline that the actors' overhead
 * is measured against.
 */
public final class ParallelTrainer implements AutoCloseable {

    private final Training training;
    private final int threads;
    private final ExecutorService pool;
    private final ThreadLocal<Evaluator> evaluators;

    public ParallelTrainer(Training training, int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0, but was " + threads);
        }
        this.training = training;
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "trainer-worker");
            t.setDaemon(true);
            return t;
        });
        this.evaluators = ThreadLocal.withInitial(() -> training.objective().newEvaluator());
    }

    /** One optimizer step, tasks cut as the actor runtime's automatic task size does (about four per thread). */
    public StepOutcome step() {
        GradientEstimator est = training.estimator();
        int n = est.indexCount(training.parameterCount());
        int taskSize = Math.max(1, (n + 4 * threads - 1) / (4 * threads));
        StepPlan plan = training.planStep(taskSize);
        double[] theta = training.theta();
        double[] values = new double[n];
        List<Future<?>> futures = new ArrayList<>(plan.tasks().size());
        for (TaskRange task : plan.tasks()) {
            futures.add(pool.submit(() -> {
                Evaluator ev = evaluators.get();
                ev.select(plan.sample());
                double[] out = new double[task.size()];
                est.evaluate(ev, theta, plan.key(), task.from(), task.to(), out);
                System.arraycopy(out, 0, values, task.from(), task.size());
            }));
        }
        double loss = training.measure(plan);
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a task failed: " + e.getCause(), e.getCause());
            }
        }
        return training.completeStep(plan, loss, values);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
