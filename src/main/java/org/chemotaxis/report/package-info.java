/**
 * Run folder files: atomic writes, checkpoints, model files, parameter hashes, charts.
 */
package org.chemotaxis.report;
