package org.chemotaxis.worm;

import org.chemotaxis.model.ElmanModel;
import org.chemotaxis.model.NoiseSource;
import org.chemotaxis.task.BatchEvaluator;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;

/**
 * The chemotaxis loss on {@link BatchWorld}: many parameter vectors per run, each scored as
 * {@link ChemotaxisObjective} defines the loss. Losses with node noise and the local gradient
 * run on the reference world (which the noise sites of NetworkController need); a node
 * perturbation estimate then takes all its passes there.
 */
final class BatchChemotaxisEvaluator implements Evaluator, BatchEvaluator {

    private final Evaluator reference;
    private final BatchWorld world;
    private final int parameters;
    private final int episodes;
    private final boolean clip;
    private final double[] one = new double[1];
    private Sample sample;

    BatchChemotaxisEvaluator(ChemotaxisObjective objective, Evaluator reference) {
        this.reference = reference;
        this.world = new BatchWorld((ElmanModel) objective.model(), objective.network(), objective.fields(),
                objective.world());
        this.parameters = objective.parameterCount();
        this.episodes = objective.episodes();
        this.clip = objective.clip();
    }

    @Override
    public void select(Sample sample) {
        reference.select(sample);
        this.sample = sample;
    }

    @Override
    public double loss(double[] theta) {
        if (theta == null || theta.length != parameters) {
            throw new IllegalArgumentException("theta must have length " + parameters);
        }
        losses(theta, 1, one);
        return one[0];
    }

    @Override
    public void losses(double[] thetas, int copies, double[] out) {
        if (sample == null) {
            throw new IllegalStateException("no sample selected: call select(sample) first");
        }
        int first = sample.size() > 0 ? sample.index(0) : 0;
        int count = sample.size() > 0 ? sample.size() : episodes;
        world.run(thetas, copies, sample.seed(), 0, first, count);
        for (int c = 0; c < copies; c++) {
            double sum = 0;
            for (int w = 0; w < count; w++) {
                double raw = world.rawScore(c, w);
                // Math.max keeps a NaN (a diverged controller) visible, as WormSimulator.score does.
                sum += 1 - (clip ? Math.max(0, raw) : raw);
            }
            out[c] = sum / count;
        }
    }

    @Override
    public double loss(double[] theta, NoiseSource noise) {
        return reference.loss(theta, noise);
    }

    @Override
    public double lossAndGradient(double[] theta, double[] grad) {
        return reference.lossAndGradient(theta, grad);
    }

    @Override
    public double localGradient(double[] theta, NoiseSource cotangent, double[] grad) {
        return reference.localGradient(theta, cotangent, grad);
    }

    @Override
    public int noiseWidth() {
        return reference.noiseWidth();
    }

    @Override
    public int timeSteps() {
        return reference.timeSteps();
    }
}
