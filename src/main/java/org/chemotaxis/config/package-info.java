/**
 * Experiment configuration: immutable records read from YAML, --set overrides, every rule that
 * needs no domain, and BadInputException; imports no domain package.
 */
package org.chemotaxis.config;
