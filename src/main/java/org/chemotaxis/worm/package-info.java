/**
 * The C. elegans chemotaxis world: concentration fields, the worm simulator, hand-crafted and
 * network controllers, and their scoring.
 */
package org.chemotaxis.worm;
