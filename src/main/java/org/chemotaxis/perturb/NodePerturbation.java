package org.chemotaxis.perturb;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.chemotaxis.model.NoiseSource;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.util.RandomStreams;

/**
 * Node perturbation (Fiete and Seung 2006, antithetic form): instead of the weights, the units
 * are perturbed: Gaussian noise xi_j of scale sigma at every unit's noise site, every time step
 * and batch row. value_j = L(theta; +sigma xi_j) - L(theta; -sigma xi_j) estimates the directional
 * derivative along xi_j, so d = (1/N) sum_j value_j / (2 sigma) xi_j estimates dL/d(site) at each
 * step; the weight gradient is the local gradient of the sites applied to d (the eligibility
 * trace of the noiseless run). The noise is regenerated from (seed, step, j) in the reducer.
 *
 * <p>With {@link Shaping#CENTERED_RANK} each index yields its two losses, and value_j is the
 * difference of their centered ranks among all 2N losses of the step (Salimans et al. 2017).
 */
public final class NodePerturbation implements GradientEstimator {

    private final double sigma;
    private final int directions;
    private final Shaping shaping;

    public NodePerturbation(double sigma, int directions) {
        this(sigma, directions, Shaping.NONE);
    }

    public NodePerturbation(double sigma, int directions, Shaping shaping) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be > 0 and finite, but was " + sigma);
        }
        if (directions <= 0) {
            throw new IllegalArgumentException("directions must be > 0, but was " + directions);
        }
        this.sigma = sigma;
        this.directions = directions;
        this.shaping = shaping;
    }

    @Override
    public String name() {
        return "node";
    }

    @Override
    public boolean needsNodeNoise() {
        return true;
    }

    @Override
    public int indexCount(int parameterCount) {
        return directions;
    }

    @Override
    public int passesPerIndex() {
        return 2;
    }

    /** 1 (the loss difference) without shaping; 2 (both losses) with it. */
    @Override
    public int valuesPerIndex() {
        return shaping == Shaping.NONE ? 1 : 2;
    }

    private static SplittableRandom noiseStream(StepKey key, int index) {
        return RandomStreams.stream(key.seed(), RandomStreams.Purpose.NODE_NOISE, key.step(), index);
    }

    /** Noise of direction {@code index} times {@code scale}, drawn in time order. */
    private static NoiseSource scaledNoise(StepKey key, int index, double scale) {
        SplittableRandom r = noiseStream(key, index);
        return (t, out) -> {
            for (int i = 0; i < out.length; i++) {
                out[i] = scale * r.nextGaussian();
            }
        };
    }

    @Override
    public void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out) {
        for (int j = from; j < to; j++) {
            double plus = ev.loss(theta, scaledNoise(key, j, sigma));
            double minus = ev.loss(theta, scaledNoise(key, j, -sigma));
            if (shaping == Shaping.NONE) {
                out[j - from] = plus - minus;
            } else {
                out[2 * (j - from)] = plus;
                out[2 * (j - from) + 1] = minus;
            }
        }
    }

    @Override
    public void reduce(Evaluator ev, double[] theta, StepKey key, double baseLoss, double[] values, double[] grad) {
        SplittableRandom[] streams = new SplittableRandom[directions];
        double[] weights = new double[directions];
        double[] differences = shaping == Shaping.NONE ? values : RandomDirections.pairDifferences(shaping.apply(values));
        for (int j = 0; j < directions; j++) {
            streams[j] = noiseStream(key, j);
            weights[j] = differences[j] / (2.0 * sigma * directions);
        }
        // The site gradient estimate d_t = sum_j w_j xi_{j,t}, streamed step by step in the
        // order the workers drew the noise.
        NoiseSource cotangent = (t, out) -> {
            Arrays.fill(out, 0.0);
            for (int j = 0; j < directions; j++) {
                SplittableRandom r = streams[j];
                double w = weights[j];
                for (int i = 0; i < out.length; i++) {
                    out[i] += w * r.nextGaussian();
                }
            }
        };
        Arrays.fill(grad, 0.0);
        ev.localGradient(theta, cotangent, grad);
    }
}
