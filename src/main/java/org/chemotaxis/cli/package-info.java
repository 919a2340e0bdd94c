/**
 * The command line: picocli commands that parse options, call experiment/ and runtime/, and print;
 * no domain logic of their own.
 */
package org.chemotaxis.cli;
