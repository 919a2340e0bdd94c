package org.chemotaxis.perturb;

/** Identifies one optimizer step of one run: every perturbation is regenerated from this key and an index. */
public record StepKey(long seed, long step) {
}
