/**
 * Benchmark harnesses of the numerics (a whole gradient on a thread pool), used by JMH and by
 * tests; nothing in training depends on them.
 */
package org.chemotaxis.bench;
