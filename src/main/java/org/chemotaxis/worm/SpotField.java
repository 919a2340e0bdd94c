package org.chemotaxis.worm;

import java.util.List;

/**
 * A sum of Gaussian spots C = sum_k w_k exp(-r_k^2 / (2 lambda_k^2)); negative weights make
 * repellent (or control) spots. Where the sum drops below {@link #FLOOR} the field is flat at
 * the floor. The scoring peak is the centre of the spot with the largest weight (the first
 * one on ties), which for overlapping spots need not be the exact maximum of C.
 */
public final class SpotField implements ConcentrationField {

    /** One spot: centre (x, y) in cm, weight w, width lambda in cm. */
    public record Spot(double x, double y, double weight, double lambda) {
        public Spot {
            Checks.finite(x, "spot.x");
            Checks.finite(y, "spot.y");
            Checks.finite(weight, "spot.weight");
            if (!(lambda > 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be > 0 and finite, but was " + lambda + " (spot.lambda)");
            }
        }
    }

    private final List<Spot> spots;
    // Unpacked for the hot loop: x, y, weight, -1/(2 lambda^2) per spot.
    private final double[] sx;
    private final double[] sy;
    private final double[] sw;
    private final double[] sk;
    private final int peak;

    public SpotField(List<Spot> spots) {
        if (spots == null || spots.isEmpty()) {
            throw new IllegalArgumentException("a spot field needs at least one spot (field.spots)");
        }
        this.spots = List.copyOf(spots);
        int n = this.spots.size();
        sx = new double[n];
        sy = new double[n];
        sw = new double[n];
        sk = new double[n];
        int best = 0;
        for (int i = 0; i < n; i++) {
            Spot s = this.spots.get(i);
            sx[i] = s.x();
            sy[i] = s.y();
            sw[i] = s.weight();
            sk[i] = -1.0 / (2 * s.lambda() * s.lambda());
            if (s.weight() > sw[best]) {
                best = i;
            }
        }
        if (!(sw[best] > 0)) {
            throw new IllegalArgumentException("a spot field needs a spot of positive weight, but the largest weight was "
                    + sw[best] + " (field.spots)");
        }
        peak = best;
    }

    public List<Spot> spots() {
        return spots;
    }

    /** Index of the attractant spot (largest weight) in {@link #spots()}. */
    public int peakIndex() {
        return peak;
    }

    @Override
    public double at(double x, double y) {
        double c = 0;
        for (int i = 0; i < sx.length; i++) {
            double dx = x - sx[i];
            double dy = y - sy[i];
            c += sw[i] * StrictMath.exp(sk[i] * (dx * dx + dy * dy));
        }
        return c > FLOOR ? c : FLOOR;
    }

    @Override
    public double peakX() {
        return sx[peak];
    }

    @Override
    public double peakY() {
        return sy[peak];
    }

    /** The spec string that {@link FieldSpec#parse} turns back into this field. */
    public String toSpec() {
        StringBuilder b = new StringBuilder("spots:");
        for (int i = 0; i < spots.size(); i++) {
            Spot s = spots.get(i);
            if (i > 0) {
                b.append('/');
            }
            b.append(s.x()).append(',').append(s.y()).append(',').append(s.weight()).append(',').append(s.lambda());
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpotField f && f.spots.equals(spots);
    }

    @Override
    public int hashCode() {
        return spots.hashCode();
    }

    @Override
    public String toString() {
        return "SpotField[" + toSpec() + "]";
    }
}
