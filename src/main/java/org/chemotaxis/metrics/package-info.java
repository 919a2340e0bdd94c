/**
 * Loss and score functions over plain arrays.
 */
package org.chemotaxis.metrics;
