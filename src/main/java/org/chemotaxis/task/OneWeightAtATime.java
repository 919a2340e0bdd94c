package org.chemotaxis.task;

/**
 * Per-weight perturbation losses by brute force: one full {@link Evaluator#loss(double[])} per
 * perturbed copy. The reference that every faster per-weight computation must equal bit for bit,
 * and the fallback where there is none.
 */
final class OneWeightAtATime {

    private OneWeightAtATime() {
    }

    /**
     * The values of {@link Evaluator#perturbedLosses}, computed on {@code ev}.
     *
     * @param scratch length P, overwritten (a copy of theta with one entry changed at a time)
     */
    static void losses(Evaluator ev, double[] theta, double[] scratch, double sigma, boolean central,
                       int from, int to, double[] out) {
        System.arraycopy(theta, 0, scratch, 0, theta.length);
        for (int i = from; i < to; i++) {
            final double original = theta[i];
            scratch[i] = original + sigma;
            final double plus = ev.loss(scratch);
            if (central) {
                scratch[i] = original - sigma;
                out[i - from] = plus - ev.loss(scratch);
            } else {
                out[i - from] = plus;
            }
            scratch[i] = original;
        }
    }
}
