package org.chemotaxis.cli;

import java.util.List;
import java.util.Objects;
import org.chemotaxis.experiment.Configs;
import org.chemotaxis.experiment.Experiment;
import org.chemotaxis.experiment.Experiments;
import org.chemotaxis.problem.ProblemRegistry;
import org.chemotaxis.runtime.JobFactory;
import org.chemotaxis.runtime.JobSpec;

/** How a worker gets a run's compute side: from memory on the trainer's node, from the job's config elsewhere. */
final class JobFactories {

    private JobFactories() {
    }

    /**
     * The trainer's own workers share the experiment the trainer built, so the config is not
     * parsed again and the data not read twice.
     */
    static JobFactory inMemory(Experiment experiment, String runId) {
        return spec -> {
            if (!spec.runId().equals(runId)) {
                throw new IllegalArgumentException("this node runs " + runId + ", not " + spec.runId());
            }
            return experiment.job();
        };
    }

    /** A worker node rebuilds the run from the resolved config that travels in the job. */
    static JobFactory fromConfig(ProblemRegistry problems) {
        return spec -> {
            if (spec.problem() != null) {
                sameBuild(spec, problems);
            }
            return Experiments.of(Configs.parse(spec.configYaml(), "job " + spec.runId(), List.of(), problems),
                    problems).job();
        };
    }

    /** A plugin problem must be the trainer's build: another build could differ in the last bits. */
    private static void sameBuild(JobSpec spec, ProblemRegistry problems) {
        ProblemRegistry.Entry here = problems.find(spec.problem()).orElseThrow(() -> new IllegalArgumentException(
                "problem '" + spec.problem() + "' is not installed on this node (looked on the class path"
                        + (problems.folders().isEmpty() ? "" : " and in " + problems.folders()) + ")"));
        if (!Objects.equals(here.sha256(), spec.problemSha256())) {
            throw new IllegalArgumentException("problem '" + spec.problem() + "' here is another build than the "
                    + "trainer's: " + describe(here.sha256()) + " here, " + describe(spec.problemSha256())
                    + " on the trainer");
        }
    }

    private static String describe(String sha) {
        return sha == null ? "from the class path" : "jar sha256 " + sha.substring(0, 12) + "…";
    }
}
