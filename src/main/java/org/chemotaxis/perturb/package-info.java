/**
 * Gradient estimators: what one perturbation index is, how its value is computed from (theta,
 * sample, key, index) alone, and how all values reduce to a gradient.
 */
package org.chemotaxis.perturb;
