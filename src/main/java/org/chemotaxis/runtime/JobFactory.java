package org.chemotaxis.runtime;

import org.chemotaxis.train.RunJob;
/** Rebuilds a run's compute side on a worker node. May throw {@link IllegalArgumentException} for a spec it cannot build. */
@FunctionalInterface
public interface JobFactory {
    RunJob build(JobSpec spec);
}
