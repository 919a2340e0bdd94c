package org.chemotaxis.train;

import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.task.Objective;

/** The compute side of a run on one node: the objective and the estimator, rebuilt from a {@link JobSpec}. */
public record RunJob(Objective objective, GradientEstimator estimator) {
}
