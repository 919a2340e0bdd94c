package org.chemotaxis.runtime;

/**
 * What a worker needs to take part in a run, sent once when it joins: the run's id and its
 * resolved config (the recipe from which the model, objective, data and estimator are rebuilt).
 */
public record JobSpec(String runId, String configYaml) implements CborSerializable {
}
