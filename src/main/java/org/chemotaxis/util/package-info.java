/**
 * Plain utilities: keyed random streams, intervals.
 */
package org.chemotaxis.util;
