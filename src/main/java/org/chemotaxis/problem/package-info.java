/**
 * Runs the problems of the public API (org.chemotaxis.api) as the project's objectives: finds
 * them on the class path and in plugin folders, hands them the network and their random sources,
 * and turns returns into losses.
 */
package org.chemotaxis.problem;
