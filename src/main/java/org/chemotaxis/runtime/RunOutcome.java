package org.chemotaxis.runtime;

/**
 * How a run ended. {@code status}: FINISHED (all epochs or early stop), INTERRUPTED (stopped on
 * request after a checkpoint; resume continues it), FAILED (the reason says why).
 */
public record RunOutcome(Status status, long epochs, long steps, String paramsSha256, String lastParamsSha256,
                         String reason) {

    public enum Status { FINISHED, INTERRUPTED, FAILED }

    public boolean succeeded() {
        return status == Status.FINISHED;
    }
}
