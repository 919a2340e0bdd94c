/**
 * Deterministic elementary functions: tanh, exp, log, sin and cos in plain double arithmetic
 * (no library call), so every JVM and CPU gives the same bits, one value at a time
 * ({@link org.chemotaxis.math.Tanh}, {@link org.chemotaxis.math.DeterministicMath}) or over
 * arrays on the Vector API where it is present ({@link org.chemotaxis.math.Elementwise}).
 * Depends on nothing else in the project: the network kernels and the worm's world both use it.
 */
package org.chemotaxis.math;
