package org.chemotaxis.task;

/**
 * An {@link Evaluator} that computes the losses of many parameter vectors on the selected sample
 * at once (sharing what does not depend on the parameters), with exactly the values that one
 * {@link Evaluator#loss(double[])} per vector gives.
 */
public interface BatchEvaluator {

    /**
     * For every c in [0, copies) writes {@code out[c]} = L(theta_c), theta_c being
     * {@code thetas[c * P .. (c + 1) * P)}. The value of a copy does not depend on the others.
     */
    void losses(double[] thetas, int copies, double[] out);
}
