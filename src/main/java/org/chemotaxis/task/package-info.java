/**
 * Objectives and their per-thread evaluators: the loss of a network on a sample, and the sequence
 * regression task.
 */
package org.chemotaxis.task;
