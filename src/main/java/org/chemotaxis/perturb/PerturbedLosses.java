package org.chemotaxis.perturb;

import org.chemotaxis.task.BatchEvaluator;
import org.chemotaxis.task.Evaluator;

/**
 * The worker side that the sampling estimators share: the losses of theta moved by the perturbations
 * e_j of indices [from, to), all in one batch where the evaluator can score copies together
 * ({@link BatchEvaluator}, e.g. the chemotaxis world), else one loss per copy: the same values
 * either way, since a copy's loss does not depend on the others. A perturbed weight is
 * {@code theta[i] + e[i]} (or {@code theta[i] - e[i]}) in double arithmetic.
 */
final class PerturbedLosses {

    /** Writes perturbation {@code index} into {@code e} (length P, overwritten). */
    interface Perturbation {
        void fill(int index, double[] e);
    }

    private PerturbedLosses() {
    }

    /** {@code out[2(j - from)]} = L(theta + e_j), {@code out[2(j - from) + 1]} = L(theta - e_j). */
    static void pairs(Evaluator ev, double[] theta, int from, int to, Perturbation p, double[] out) {
        evaluate(ev, theta, from, to, p, true, out);
    }

    /** {@code out[j - from]} = L(theta + e_j). */
    static void singles(Evaluator ev, double[] theta, int from, int to, Perturbation p, double[] out) {
        evaluate(ev, theta, from, to, p, false, out);
    }

    private static void evaluate(Evaluator ev, double[] theta, int from, int to, Perturbation p, boolean pairs,
                                 double[] out) {
        int n = theta.length;
        int k = to - from;
        int per = pairs ? 2 : 1;
        double[] e = new double[n];
        if (ev instanceof BatchEvaluator batch) {
            double[] copies = new double[per * k * n];
            for (int j = from; j < to; j++) {
                p.fill(j, e);
                int plus = per * (j - from) * n;
                for (int i = 0; i < n; i++) {
                    copies[plus + i] = theta[i] + e[i];
                }
                if (pairs) {
                    int minus = plus + n;
                    for (int i = 0; i < n; i++) {
                        copies[minus + i] = theta[i] - e[i];
                    }
                }
            }
            batch.losses(copies, per * k, out);
            return;
        }
        double[] x = new double[n];
        for (int j = from; j < to; j++) {
            p.fill(j, e);
            for (int i = 0; i < n; i++) {
                x[i] = theta[i] + e[i];
            }
            out[per * (j - from)] = ev.loss(x);
            if (pairs) {
                for (int i = 0; i < n; i++) {
                    x[i] = theta[i] - e[i];
                }
                out[per * (j - from) + 1] = ev.loss(x);
            }
        }
    }
}
