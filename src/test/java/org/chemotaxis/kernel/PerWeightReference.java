package org.chemotaxis.kernel;

import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.TinySequences;

/** The reference the per-weight kernel tests compare against, and the batches they feed. */
final class PerWeightReference {

    private PerWeightReference() {
    }

    /** n batch indices 0, 1, ..., 6, 0, 1, ... (repeats included, as a sampler may give). */
    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i % 7;
        }
        return r;
    }

    /** The definition of the values, one reference forward pass per perturbed copy. */
    static double[] reference(Evaluator ev, double[] theta, double sigma, boolean central, int from, int to) {
        double[] values = new double[to - from];
        double[] p = theta.clone();
        for (int i = from; i < to; i++) {
            p[i] = theta[i] + sigma;
            double plus = ev.loss(p);
            p[i] = theta[i] - sigma;
            values[i - from] = central ? plus - ev.loss(p) : plus;
            p[i] = theta[i];
        }
        return values;
    }

    /** Time-major inputs and targets of a batch, as the kernels read them. */
    static double[][] batchArrays(TinySequences d, int[] batch, int length, int in, int out) {
        int n = batch.length;
        double[] x = new double[length * n * in];
        double[] y = new double[length * n * out];
        for (int t = 0; t < length; t++) {
            for (int r = 0; r < n; r++) {
                for (int i = 0; i < in; i++) {
                    x[(t * n + r) * in + i] = d.input(batch[r], t, i);
                }
                for (int o = 0; o < out; o++) {
                    y[(t * n + r) * out + o] = d.target(batch[r], t, o);
                }
            }
        }
        return new double[][] {x, y};
    }
}
