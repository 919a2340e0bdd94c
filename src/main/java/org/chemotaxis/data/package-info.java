/**
 * Sequence datasets (sine waves, CSV series) and the deterministic loader that splits and batches
 * them; takes plain parameters, not configs.
 */
package org.chemotaxis.data;
