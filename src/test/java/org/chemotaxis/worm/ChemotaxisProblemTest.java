package org.chemotaxis.worm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.chemotaxis.math.ScalarElementwise;
import org.chemotaxis.problem.ModelNetwork;
import org.chemotaxis.problem.ProblemObjective;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;
import org.junit.jupiter.api.Test;

/**
 * Chemotaxis through the public API, as training runs it: {@link ChemotaxisProblem} wrapped by the
 * project's {@link ProblemObjective}, the network the project's (here a model that is not the fast
 * Elman one, so the model's own step runs, node noise and all).
 */
class ChemotaxisProblemTest {

    private static final WorldConfig TRAIN = WorldConfig.defaults().withDt(0.1).withDuration(60);
    private static final int EPISODES = 6;
    /** The wiring these tests were written for (logc, sin, cos); the default now sees dlogc. */
    private static final NetworkSpec SPEC = NetworkSpec.defaults().withInputs(List.of(
            NetworkSpec.Input.LOG_CONCENTRATION, NetworkSpec.Input.SIN_PHASE, NetworkSpec.Input.COS_PHASE));

    private final TinyElman model = new TinyElman(3, 4, 1);
    private final ProblemObjective objective = objective(true);

    private ProblemObjective objective(boolean clip) {
        return ProblemObjective.of("chemotaxis", new ChemotaxisProblem(SPEC, List.of(GaussianField.standard()), TRAIN,
                clip), model, EPISODES);
    }

    private NetworkController controller(double[] theta) {
        return new NetworkController(ModelNetwork.of(model, theta), SPEC);
    }

    private double[] theta(long seed) {
        double[] theta = new double[model.parameterCount()];
        model.initialize(theta, seed);
        return theta;
    }

    @Test
    void theSameThetaOnTheSameSampleHasTheSameLoss() {
        double[] theta = theta(1);
        Evaluator a = objective.newEvaluator();
        a.select(Sample.ofSeed(77));
        double first = a.loss(theta);
        assertEquals(first, a.loss(theta));
        Evaluator b = objective.newEvaluator();
        b.select(Sample.ofSeed(77));
        assertEquals(first, b.loss(theta));
        assertTrue(first >= 0 && first <= 1, "loss " + first);
        a.select(Sample.ofSeed(78));
        assertNotEquals(first, a.loss(theta), "a new sample brings new episodes");
    }

    @Test
    void perturbationsOfOneSampleMeetTheSameEpisodes() {
        // With V = 0 the output is the bias alone; W, U and b cannot change the worm's path.
        // Equal losses then show the same starts and noise (and different ones would differ,
        // as the previous test shows for a new sample).
        double[] theta = theta(2);
        int v = model.layout().slice("V").offset();
        java.util.Arrays.fill(theta, v, v + 4, 0.0);
        double[] other = theta.clone();
        other[model.layout().slice("W").index(1, 2)] += 0.3;
        other[model.layout().slice("b").index(0, 0)] -= 0.2;
        Evaluator ev = objective.newEvaluator();
        ev.select(Sample.ofSeed(5));
        assertEquals(ev.loss(theta), ev.loss(other));
        other[model.layout().slice("c").offset()] += 0.3;
        assertNotEquals(ev.loss(theta), ev.loss(other), "the bias does steer");
    }

    @Test
    void theLossIsOneMinusTheMeanScoreOfTheEpisodes() {
        double[] theta = theta(3);
        Evaluator ev = objective.newEvaluator();
        ev.select(Sample.ofSeed(11));
        WormSimulator sim = new WormSimulator(GaussianField.standard(), TRAIN, EPISODES);
        sim.run(controller(theta), 11, 0, 0, EPISODES);
        double sum = 0;
        for (int i = 0; i < EPISODES; i++) {
            sum += 1 - sim.score(i);
        }
        // The training world is the batched one: the same episodes, its functions within 2 ulp.
        assertEquals(sum / EPISODES, ev.loss(theta), 1e-9);
    }

    @Test
    void aSampleWithIndicesRunsExactlyThoseEpisodes() {
        // Episodes 3..12 of seed 21: ten worms, more than a training batch of six.
        double[] theta = theta(8);
        Evaluator ev = objective.newEvaluator();
        ev.select(new Sample(new int[] {3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 21));
        WormSimulator sim = new WormSimulator(GaussianField.standard(), TRAIN, 10);
        sim.run(controller(theta), 21, 0, 3, 10);
        double sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += 1 - sim.score(i);
        }
        assertEquals(sum / 10, ev.loss(theta), 1e-9);
        // The batch runs episodes 0..5 of its seed again afterwards.
        ev.select(Sample.ofSeed(21));
        sim.run(controller(theta), 21, 0, 0, EPISODES);
        double batch = 0;
        for (int i = 0; i < EPISODES; i++) {
            batch += 1 - sim.score(i);
        }
        assertEquals(batch / EPISODES, ev.loss(theta), 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ev.select(new Sample(new int[] {0, 2}, 1)));
        assertTrue(e.getMessage().contains("consecutive"), e.getMessage());
    }

    @Test
    void theUnclippedLossIsNeverBelowTheClippedOne() {
        // A worm that circles where it started has mean r ~ r0, so 1 - mean r / r0 is near 0 and
        // often negative; clipping lifts those scores to 0.
        double[] theta = new double[model.parameterCount()];
        theta[model.layout().slice("c").offset()] = 3;
        ProblemObjective unclipped = objective(false);
        Evaluator a = objective.newEvaluator();
        Evaluator b = unclipped.newEvaluator();
        a.select(Sample.ofSeed(4));
        b.select(Sample.ofSeed(4));
        assertTrue(b.loss(theta) > a.loss(theta), b.loss(theta) + " vs " + a.loss(theta));
    }

    @Test
    void nodeNoiseIsAskedOncePerNetworkStepAndChangesTheLoss() {
        double[] theta = theta(4);
        Evaluator ev = objective.newEvaluator();
        ev.select(Sample.ofSeed(9));
        assertEquals(EPISODES * model.noiseSize(), ev.noiseWidth());
        List<Integer> asked = new ArrayList<>();
        double zeroNoise = ev.loss(theta, (t, out) -> {
            assertEquals(ev.noiseWidth(), out.length);
            asked.add(t);
            java.util.Arrays.fill(out, 0.0);
        });
        assertEquals(600, asked.size(), "60 s at control dt 0.1 s");
        for (int t = 0; t < asked.size(); t++) {
            assertEquals(t, asked.get(t));
        }
        assertEquals(ev.loss(theta), zeroNoise, "zero noise is no noise");
        double noisy = ev.loss(theta, (t, out) -> java.util.Arrays.fill(out, 0.5));
        assertNotEquals(zeroNoise, noisy);
        assertEquals(zeroNoise, ev.loss(theta), "the noise does not stick");
    }

    @Test
    void theLocalGradientSumsTheModelsLocalGradientsOverStepsAndEpisodes() {
        // Cotangent 1 at output site 0 and at hidden site 2 of every row and step: the sites are
        // out = V h + c and a_2 = ... + b_2, so d site / d c = d site / d b_2 = 1 and the gradient
        // of c and of b_2 is (episodes x steps) exactly; every other bias stays 0.
        double[] theta = theta(5);
        Evaluator ev = objective.newEvaluator();
        ev.select(Sample.ofSeed(10));
        double[] grad = new double[model.parameterCount()];
        int width = model.noiseSize();
        double loss = ev.localGradient(theta, (t, out) -> {
            java.util.Arrays.fill(out, 0.0);
            for (int r = 0; r < EPISODES; r++) {
                out[r * width + 4] = 1;
                out[r * width + 2] = 1;
            }
        }, grad);
        assertEquals(ev.loss(theta), loss);
        double expected = EPISODES * 600;
        assertEquals(expected, grad[model.layout().slice("c").offset()]);
        int b = model.layout().slice("b").offset();
        assertEquals(expected, grad[b + 2]);
        assertEquals(0, grad[b]);
        assertEquals(0, grad[b + 1]);
        assertEquals(0, grad[b + 3]);
    }

    @Test
    void aLossDoesNotAllocateOnceTheEvaluatorIsWarm() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "needs a JVM that counts allocated bytes");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        // The world's own loops on the scalar functions: the vector ones allocate (boxed vectors)
        // until the JIT has compiled them, which a short test cannot wait for.
        double[] theta = theta(7);
        Evaluator ev = ProblemObjective.of("chemotaxis", new ChemotaxisProblem(SPEC, List.of(GaussianField.standard()),
                TRAIN, true, ScalarElementwise.INSTANCE), model, EPISODES).newEvaluator();
        ev.select(Sample.ofSeed(3));
        ev.loss(theta);
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        double loss = ev.loss(theta);
        long allocated = mx.getThreadAllocatedBytes(id) - before;
        // 600 network steps x 6 episodes: any per-step object would cost tens of kilobytes.
        assertTrue(allocated < 2048, "allocated " + allocated + " bytes for loss " + loss);
    }

    @Test
    void contractFlagsAndRefusals() {
        assertEquals(model.parameterCount(), objective.parameterCount());
        assertFalse(objective.supportsGradient());
        assertTrue(objective.supportsNodeNoise());
        Evaluator ev = objective.newEvaluator();
        assertThrows(IllegalStateException.class, () -> ev.loss(theta(1)));
        ev.select(Sample.ofSeed(1));
        assertThrows(UnsupportedOperationException.class,
                () -> ev.lossAndGradient(theta(1), new double[model.parameterCount()]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ChemotaxisProblem(
                SPEC.withControlDt(0.05), GaussianField.standard(), TRAIN));
        assertTrue(e.getMessage().contains("(controller.control_dt)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ProblemObjective.of("chemotaxis",
                new ChemotaxisProblem(SPEC, GaussianField.standard(), TRAIN), model, 0));
        assertTrue(e.getMessage().contains("(training.batch)"), e.getMessage());
    }

    @Test
    void aTrainedNetworkIsEvaluatedAtTheFineDt() {
        double[] theta = theta(6);
        ChemotaxisEvaluation.Result r = ChemotaxisEvaluation.evaluate(GaussianField.standard(),
                WorldConfig.defaults().withDuration(20), controller(theta), 3, 8);
        assertEquals(8, r.starts());
        assertEquals("network", r.controller());
        assertTrue(r.fitness() >= 0 && r.fitness() <= 1);
    }
}
