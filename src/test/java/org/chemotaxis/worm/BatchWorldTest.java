package org.chemotaxis.worm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.chemotaxis.api.Network;
import org.chemotaxis.kernel.Kernels;
import org.chemotaxis.kernel.RecurrentBlock;
import org.chemotaxis.math.ScalarElementwise;
import org.chemotaxis.model.ElmanCopies;
import org.chemotaxis.model.ElmanModel;
import org.chemotaxis.model.NoiseSource;
import org.chemotaxis.perturb.RandomDirections;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.problem.ModelNetwork;
import org.chemotaxis.problem.ProblemObjective;
import org.chemotaxis.task.BatchEvaluator;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;
import org.junit.jupiter.api.Test;

/**
 * The batched world against the reference pair (WormSimulator and NetworkController, StrictMath):
 * the same episodes within rounding; a copy's loss the same bits alone or in any batch; the scalar
 * and the vector implementations the same bits. The network is the project's, through the public
 * API, as in training.
 */
class BatchWorldTest {

    /** The controller of experiments/chemotaxis.yml: dlogc, sin, cos, a low-pass and an adapting sensor. */
    private static final NetworkSpec SPEC = NetworkSpec.defaults()
            .withInputs(List.of(NetworkSpec.Input.LOG_DERIVATIVE, NetworkSpec.Input.SIN_PHASE, NetworkSpec.Input.COS_PHASE))
            .withPirouetteOutput(false).withControlDt(0.1).withDerivativeScale(30).withSensorTau(0.5).withAdaptTau(20);
    private static final WorldConfig TRAIN = WorldConfig.defaults().withDt(0.1).withDuration(60)
            .withSensorNoise(0, 0.04);
    private static final int EPISODES = 8;

    private static double[] theta(ElmanModel model, long seed, double scale) {
        double[] theta = new double[model.parameterCount()];
        model.initialize(theta, seed);
        for (int i = 0; i < theta.length; i++) {
            theta[i] *= scale;
        }
        return theta;
    }

    /** The unclipped loss of {@code theta} on the reference pair, computed apart from the problem's code. */
    private static double referenceLoss(ChemotaxisProblem problem, ElmanModel model, double[] theta, long seed) {
        WormSimulator sim = new WormSimulator(problem.fields(), problem.world(), EPISODES);
        sim.run(problem.controller(ModelNetwork.of(model, theta)), seed, 0, 0, EPISODES);
        double sum = 0;
        for (int i = 0; i < EPISODES; i++) {
            sum += 1 - sim.rawScore(i);
        }
        return sum / EPISODES;
    }

    /** The fast and the reference loss of a few networks on a few samples. */
    private static void closeToReference(ChemotaxisProblem problem, double tolerance) {
        ElmanModel model = new ElmanModel(problem.inputSize(), 8, problem.outputSize());
        Evaluator fast = ProblemObjective.of("chemotaxis", problem, model, EPISODES).newEvaluator();
        assertInstanceOf(BatchEvaluator.class, fast);
        double worst = 0;
        for (long seed = 1; seed <= 3; seed++) {
            double[] theta = theta(model, seed, 3.0);
            Sample sample = Sample.ofSeed(100 + seed);
            fast.select(sample);
            double a = fast.loss(theta);
            double b = referenceLoss(problem, model, theta, sample.seed());
            assertTrue(Double.isFinite(a) && a != 1, "loss " + a);
            worst = Math.max(worst, Math.abs(a - b));
        }
        System.out.println("batch world vs reference: largest loss difference " + worst);
        assertTrue(worst <= tolerance, "largest loss difference " + worst);
    }

    private static ChemotaxisProblem problem(NetworkSpec spec, List<ConcentrationField> fields, WorldConfig world) {
        // Unclipped: every worm's score counts, also one that drifts away.
        return new ChemotaxisProblem(spec, fields, world, false);
    }

    private static ProblemObjective objective(NetworkSpec spec, List<ConcentrationField> fields, WorldConfig world) {
        return ProblemObjective.of("chemotaxis", problem(spec, fields, world),
                new ElmanModel(spec.inputSize(), 8, spec.outputSize()), EPISODES);
    }

    /** Copies of a one-layer Elman network on a chosen hidden-step implementation. */
    private static Network copies(ElmanModel model, RecurrentBlock block, double[] thetas, int copies) {
        ElmanCopies net = new ElmanCopies(model, block);
        return new Network() {
            @Override
            public int inputSize() {
                return model.inputSize();
            }

            @Override
            public int outputSize() {
                return model.outputSize();
            }

            @Override
            public int copies() {
                return copies;
            }

            @Override
            public void reset(int rows) {
                net.reset(thetas, copies, rows / copies);
            }

            @Override
            public void step(double[] input, double[] output) {
                net.step(input, output);
            }
        };
    }

    @Test
    void theTrainingWorldGivesTheReferenceLossWithinRounding() {
        closeToReference(problem(SPEC, List.of(GaussianField.standard()), TRAIN), 1e-9);
    }

    @Test
    void otherWorldsAndControllersToo() {
        // A finer world (ten world steps per network step), pirouettes, a summing sensor, a
        // walled arena, a field that is not Gaussian and a family of fields.
        WorldConfig fine = WorldConfig.defaults().withDt(0.01).withDuration(20).withSensorNoise(0.05, 0.05);
        closeToReference(problem(SPEC.withPirouetteOutput(true).withSensorTau(0), List.of(GaussianField.standard()),
                fine), 1e-9);
        WorldConfig walled = TRAIN.withArena(Arena.disk(0, 0, 5)).withDuration(100);
        closeToReference(problem(SPEC.withPirouetteOutput(true).withAdaptTau(0), List.of(new ConeField(1, -0.1, 0, 0),
                new GaussianField(1.0, 0, 0)), walled), 1e-9);
    }

    @Test
    void aCopysLossIsTheSameBitsAloneAndInAnyBatch() {
        ProblemObjective objective = objective(SPEC, List.of(GaussianField.standard()), TRAIN);
        ElmanModel model = (ElmanModel) objective.model();
        int p = model.parameterCount();
        int copies = 5;
        double[] thetas = new double[copies * p];
        double[] reversed = new double[copies * p];
        for (int c = 0; c < copies; c++) {
            System.arraycopy(theta(model, 10 + c, 2.0), 0, thetas, c * p, p);
            System.arraycopy(theta(model, 10 + c, 2.0), 0, reversed, (copies - 1 - c) * p, p);
        }
        Evaluator ev = objective.newEvaluator();
        ev.select(Sample.ofSeed(7));
        double[] batch = new double[copies];
        double[] back = new double[copies];
        ((BatchEvaluator) ev).losses(thetas, copies, batch);
        ((BatchEvaluator) ev).losses(reversed, copies, back);
        for (int c = 0; c < copies; c++) {
            double alone = ev.loss(java.util.Arrays.copyOfRange(thetas, c * p, (c + 1) * p));
            assertEquals(alone, batch[c], 0.0, "copy " + c);
            assertEquals(alone, back[copies - 1 - c], 0.0, "copy " + c + " reversed");
        }
        assertNotEquals(batch[0], batch[1]);
    }

    @Test
    void theScalarAndTheVectorImplementationsGiveTheSameBits() {
        ElmanModel model = new ElmanModel(3, 8, 2);
        NetworkSpec spec = SPEC.withPirouetteOutput(true);
        List<ConcentrationField> fields = List.of(GaussianField.standard());
        BatchWorld preferred = new BatchWorld(spec, fields, TRAIN);
        BatchWorld scalar = new BatchWorld(spec, fields, TRAIN, ScalarElementwise.INSTANCE);
        int p = model.parameterCount();
        double[] thetas = new double[3 * p];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(theta(model, 20 + c, 3.0), 0, thetas, c * p, p);
        }
        // 13 worms: rows that do not fill the last vector.
        preferred.run(copies(model, Kernels.preferred(), thetas, 3), 5, 0, 0, 13);
        scalar.run(copies(model, Kernels.scalar(), thetas, 3), 5, 0, 0, 13);
        for (int c = 0; c < 3; c++) {
            for (int w = 0; w < 13; w++) {
                assertEquals(scalar.rawScore(c, w), preferred.rawScore(c, w), 0.0);
                assertEquals(scalar.x(c, w), preferred.x(c, w), 0.0);
                assertEquals(scalar.y(c, w), preferred.y(c, w), 0.0);
            }
        }
    }

    @Test
    void randomDirectionsGiveTheSameValuesBatchedAndOneLossAtATime() {
        ProblemObjective objective = objective(SPEC, List.of(GaussianField.standard()), TRAIN);
        Evaluator fast = objective.newEvaluator();
        fast.select(Sample.ofSeed(3));
        Evaluator oneByOne = new LossOnly(fast);
        double[] theta = theta((ElmanModel) objective.model(), 4, 1.0);
        RandomDirections est = RandomDirections.gaussian(0.1, 6);
        StepKey key = new StepKey(9, 2);
        double[] batched = new double[4];
        double[] single = new double[4];
        est.evaluate(fast, theta, key, 1, 5, batched);
        est.evaluate(oneByOne, theta, key, 1, 5, single);
        assertEquals(java.util.Arrays.toString(single), java.util.Arrays.toString(batched));
        assertNotEquals(0.0, batched[0]);
    }

    @Test
    void aRunDoesNotAllocateOnceItsBuffersAreThere() {
        // The world's own loops, on the scalar implementations: the vector ones allocate (boxed
        // vectors) until the JIT has compiled them, which a short test cannot wait for.
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "needs a JVM that counts allocated bytes");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        ElmanModel model = new ElmanModel(3, 8, 1);
        BatchWorld world = new BatchWorld(SPEC, List.of(GaussianField.standard()), TRAIN, ScalarElementwise.INSTANCE);
        int p = model.parameterCount();
        double[] thetas = new double[4 * p];
        for (int c = 0; c < 4; c++) {
            System.arraycopy(theta(model, c, 1.0), 0, thetas, c * p, p);
        }
        Network net = copies(model, Kernels.scalar(), thetas, 4);
        world.run(net, 3, 0, 0, EPISODES);
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        world.run(net, 3, 0, 0, EPISODES);
        long allocated = mx.getThreadAllocatedBytes(id) - before;
        // 600 steps x 32 rows: any per-step object would cost tens of kilobytes; the episodes'
        // starts are a few small objects per run.
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes");
    }

    /** An evaluator that hides the batch interface: the estimator falls back to one loss per copy. */
    private record LossOnly(Evaluator ev) implements Evaluator {
        @Override
        public void select(Sample sample) {
            ev.select(sample);
        }

        @Override
        public double loss(double[] theta) {
            return ev.loss(theta);
        }

        @Override
        public double loss(double[] theta, NoiseSource noise) {
            return ev.loss(theta, noise);
        }

        @Override
        public double lossAndGradient(double[] theta, double[] grad) {
            return ev.lossAndGradient(theta, grad);
        }

        @Override
        public double localGradient(double[] theta, NoiseSource cotangent, double[] grad) {
            return ev.localGradient(theta, cotangent, grad);
        }

        @Override
        public int noiseWidth() {
            return ev.noiseWidth();
        }

        @Override
        public int timeSteps() {
            return ev.timeSteps();
        }
    }
}
