package org.chemotaxis.worm;

/**
 * C = c0 + slope * r, r the distance to the peak: the conical gradient of Izquierdo and
 * Lockery (2010), lifted by c0 = 1 so that it stays positive near the peak. The studied slopes
 * lie in [-0.38, -0.01] per cm; any negative slope is accepted. Far from the peak, where the
 * cone would go negative, the field is flat at {@link #FLOOR}.
 */
public record ConeField(double c0, double slope, double peakX, double peakY) implements ConcentrationField {

    public static final double DEFAULT_C0 = 1.0;

    public ConeField {
        if (!(c0 > 0) || Double.isInfinite(c0)) {
            throw new IllegalArgumentException("c0 must be > 0 and finite, but was " + c0 + " (field.c0)");
        }
        if (!(slope < 0) || Double.isInfinite(slope)) {
            throw new IllegalArgumentException("slope must be < 0 and finite, but was " + slope + " (field.slope)");
        }
        Checks.finite(peakX, "field.x");
        Checks.finite(peakY, "field.y");
    }

    @Override
    public double at(double x, double y) {
        double dx = x - peakX;
        double dy = y - peakY;
        double c = c0 + slope * Math.sqrt(dx * dx + dy * dy);
        return c > FLOOR ? c : FLOOR;
    }

    /** The spec string that {@link FieldSpec#parse} turns back into this field. */
    public String toSpec() {
        return "cone:slope=" + slope + ",c0=" + c0 + (peakX != 0 || peakY != 0 ? ",x=" + peakX + ",y=" + peakY : "");
    }
}
