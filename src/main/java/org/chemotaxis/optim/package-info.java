/**
 * Optimizers, gradient clipping and learning-rate schedules.
 */
package org.chemotaxis.optim;
