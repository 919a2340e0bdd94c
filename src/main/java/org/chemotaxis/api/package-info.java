/**
 * The public API for bringing your own problem: implement {@link org.chemotaxis.api.ClosedLoopProblem}
 * (an environment the network steers, like chemotaxis) or {@link org.chemotaxis.api.ObjectiveProblem}
 * (any loss of a network), publish it with a {@link org.chemotaxis.api.ProblemFactory} through
 * {@link java.util.ServiceLoader}, drop the jar in a plugin folder and name it in the config
 * ({@code problem.type}). Everything else (actors, cluster workers, checkpoints, resume, events,
 * plots) comes with it.
 *
 * <p><b>Determinism.</b> The project hands the problem every random source it may use: an
 * episode's {@link java.util.random.RandomGenerator} in {@link org.chemotaxis.api.Environment#reset}
 * and the {@link org.chemotaxis.api.SampleKey} of a loss, both keyed by the run's seed, the step
 * and the episode. A problem that draws only from those, keeps no state between episodes and
 * losses other than buffers, and uses {@link java.lang.StrictMath} (or other functions that give the same bits on
 * every JVM) gets the project's guarantees: the same {@code params_sha256} for any number of
 * workers, on any node, and after a resume.
 *
 * <p>This package depends on nothing else in the project, so a plugin compiled against it alone
 * keeps working.
 */
package org.chemotaxis.api;
