/**
 * The actors: Coordinator, Worker, EventLog, EarlyStopping, and the nodes (trainer, worker,
 * observer) of one JVM or a cluster; message glue over train/.
 */
package org.chemotaxis.runtime;
