/**
 * Maps a config to domain objects (model, objective, samples, estimator, optimizer, datasets,
 * world), checks the domain's config rules, scores and plots runs; knows nothing of actors.
 */
package org.chemotaxis.experiment;
