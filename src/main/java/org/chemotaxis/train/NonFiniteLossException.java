package org.chemotaxis.train;

/** Training produced a NaN or infinite loss or gradient: the run stops instead of training on it. */
public final class NonFiniteLossException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NonFiniteLossException(String what, double value, long epoch, long step) {
        super(what + " is " + value + " at epoch " + epoch + ", step " + step
                + " (try a smaller optimizer.lr or estimator.sigma, or optimizer.clip_norm)");
    }
}
