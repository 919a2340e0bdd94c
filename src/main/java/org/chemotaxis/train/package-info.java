/**
 * The training state machine (Training), the fan-out of a step's tasks and its task-size rule,
 * step scheduling and early stopping: plain Java without threads of its own but the thread-pool
 * fan-out.
 */
package org.chemotaxis.train;
