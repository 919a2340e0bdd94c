package org.chemotaxis.worm;

/**
 * C = exp(-r^2 / (2 lambda^2)), r the distance to the peak: the diffused salt spot of Ward
 * (1973) as used by Ferree and Lockery (1999), with lambda = 1.61 cm.
 */
public record GaussianField(double lambda, double peakX, double peakY) implements ConcentrationField {

    public static final double DEFAULT_LAMBDA = 1.61;

    public GaussianField {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be > 0 and finite, but was " + lambda + " (field.lambda)");
        }
        Checks.finite(peakX, "field.x");
        Checks.finite(peakY, "field.y");
    }

    /** The reference field: lambda = 1.61 cm, peak at the origin. */
    public static GaussianField standard() {
        return new GaussianField(DEFAULT_LAMBDA, 0, 0);
    }

    @Override
    public double at(double x, double y) {
        double dx = x - peakX;
        double dy = y - peakY;
        double c = StrictMath.exp(-(dx * dx + dy * dy) / (2 * lambda * lambda));
        return c > FLOOR ? c : FLOOR;
    }

    /** The spec string that {@link FieldSpec#parse} turns back into this field. */
    public String toSpec() {
        return "gauss:lambda=" + lambda + (peakX != 0 || peakY != 0 ? ",x=" + peakX + ",y=" + peakY : "");
    }
}
