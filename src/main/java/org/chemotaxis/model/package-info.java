/**
 * Recurrent models over one flat parameter vector (Elman, CTRNN) and their parameter layouts.
 */
package org.chemotaxis.model;
