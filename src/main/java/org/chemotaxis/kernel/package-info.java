/**
 * Fast per-weight perturbation kernels (Vector API and scalar blocks) and the deterministic Tanh
 * and Logistic every model shares.
 */
package org.chemotaxis.kernel;
