package org.chemotaxis.train;

/** A step cannot complete: a task failed on its last attempt, or a result does not fit its task. */
public final class StepFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StepFailedException(String message) {
        super(message);
    }
}
