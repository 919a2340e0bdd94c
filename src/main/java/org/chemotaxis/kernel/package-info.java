/**
 * Fast per-weight perturbation kernels (Vector API and scalar blocks) and the deterministic
 * Logistic the CTRNN shares; tanh, exp, log, sin and cos come from {@code org.chemotaxis.math}.
 */
package org.chemotaxis.kernel;
