package org.chemotaxis.worm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The public grammar of fields, as written in experiment files and on the command line:
 * <pre>
 *   gauss[:lambda=L][,x=X][,y=Y]          Gaussian, lambda default 1.61 cm, peak default (0, 0)
 *   cone:slope=A[,c0=C0][,x=X][,y=Y]      cone C = C0 + A r, A &lt; 0, C0 default 1
 *   spots:X,Y,W,L/X,Y,W,L/...             sum of Gaussian spots (centre, weight, lambda)
 * </pre>
 * A bad spec throws {@link IllegalArgumentException} with a one-line message that names the
 * spec and what is wrong with it.
 */
public final class FieldSpec {

    private FieldSpec() {
    }

    public static ConcentrationField parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("bad field spec 'null': expected gauss:..., cone:... or spots:...");
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        String kind = (colon < 0 ? s : s.substring(0, colon)).strip().toLowerCase(java.util.Locale.ROOT);
        String body = colon < 0 ? "" : s.substring(colon + 1).strip();
        try {
            switch (kind) {
                case "gauss":
                    return gauss(body);
                case "cone":
                    return cone(body);
                case "spots":
                    return spots(body);
                default:
                    throw new IllegalArgumentException("unknown field kind '" + kind + "', expected gauss, cone or spots");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad field spec '" + spec + "': " + e.getMessage(), e);
        }
    }

    /** The canonical spec of a field built by this package, parseable by {@link #parse}. */
    public static String format(ConcentrationField field) {
        if (field instanceof GaussianField g) {
            return g.toSpec();
        }
        if (field instanceof ConeField c) {
            return c.toSpec();
        }
        if (field instanceof SpotField f) {
            return f.toSpec();
        }
        return field.toString();
    }

    private static GaussianField gauss(String body) {
        double lambda = GaussianField.DEFAULT_LAMBDA;
        double x = 0;
        double y = 0;
        for (String[] kv : keyValues(body, Set.of("lambda", "x", "y"))) {
            double v = number(kv[0], kv[1]);
            switch (kv[0]) {
                case "lambda" -> lambda = v;
                case "x" -> x = v;
                default -> y = v;
            }
        }
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda must be > 0, but was " + lambda);
        }
        return new GaussianField(lambda, x, y);
    }

    private static ConeField cone(String body) {
        Double slope = null;
        double c0 = ConeField.DEFAULT_C0;
        double x = 0;
        double y = 0;
        for (String[] kv : keyValues(body, Set.of("slope", "c0", "x", "y"))) {
            double v = number(kv[0], kv[1]);
            switch (kv[0]) {
                case "slope" -> slope = v;
                case "c0" -> c0 = v;
                case "x" -> x = v;
                default -> y = v;
            }
        }
        if (slope == null) {
            throw new IllegalArgumentException("missing slope, e.g. cone:slope=-0.1");
        }
        if (!(slope < 0)) {
            throw new IllegalArgumentException("slope must be < 0, but was " + slope);
        }
        if (!(c0 > 0)) {
            throw new IllegalArgumentException("c0 must be > 0, but was " + c0);
        }
        return new ConeField(c0, slope, x, y);
    }

    private static SpotField spots(String body) {
        if (body.isEmpty()) {
            throw new IllegalArgumentException("no spots, expected X,Y,W,L/X,Y,W,L/...");
        }
        List<SpotField.Spot> spots = new ArrayList<>();
        String[] parts = body.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String[] f = parts[i].split(",", -1);
            String which = "spot " + (i + 1);
            if (f.length != 4) {
                throw new IllegalArgumentException(which + " '" + parts[i] + "' has " + f.length
                        + " numbers, expected 4 (X,Y,W,L)");
            }
            double x = number(which + " x", f[0]);
            double y = number(which + " y", f[1]);
            double w = number(which + " weight", f[2]);
            double l = number(which + " lambda", f[3]);
            if (!(l > 0)) {
                throw new IllegalArgumentException(which + " lambda must be > 0, but was " + l);
            }
            spots.add(new SpotField.Spot(x, y, w, l));
        }
        double maxWeight = Double.NEGATIVE_INFINITY;
        for (SpotField.Spot s : spots) {
            maxWeight = Math.max(maxWeight, s.weight());
        }
        if (!(maxWeight > 0)) {
            throw new IllegalArgumentException("no spot has a positive weight (the largest is " + maxWeight + ")");
        }
        return new SpotField(spots);
    }

    private static List<String[]> keyValues(String body, Set<String> allowed) {
        List<String[]> out = new ArrayList<>();
        if (body.isEmpty()) {
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (String part : body.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not key=value");
            }
            String key = part.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "', allowed: " + String.join(", ",
                        new java.util.TreeSet<>(allowed)));
            }
            if (!seen.add(key)) {
                throw new IllegalArgumentException("key '" + key + "' given twice");
            }
            out.add(new String[] {key, part.substring(eq + 1).strip()});
        }
        return out;
    }

    private static double number(String what, String text) {
        String t = text.strip();
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + t + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be finite, but was " + t);
        }
        return v;
    }
}
