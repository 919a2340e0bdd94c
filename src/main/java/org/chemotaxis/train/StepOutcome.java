package org.chemotaxis.train;

/** What one optimizer step did: the loss at the parameters it started from, the gradient norm before clipping, the learning rate. */
public record StepOutcome(long step, double loss, double gradientNorm, double learningRate) {
}
