package org.chemotaxis.worm;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The public grammar of arenas, as written in experiment files and on the command line:
 * <pre>
 *   open                              the open plane (the default)
 *   disk:radius=R[,x=X][,y=Y]         a plate with a reflecting wall, centre default (0, 0)
 * </pre>
 * A bad spec throws {@link IllegalArgumentException} with a one-line message that names the
 * spec and what is wrong with it.
 */
public final class ArenaSpec {

    private ArenaSpec() {
    }

    public static Arena parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("bad arena spec 'null': expected open or disk:radius=R");
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        String kind = (colon < 0 ? s : s.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        String body = colon < 0 ? "" : s.substring(colon + 1).strip();
        try {
            switch (kind) {
                case "open":
                    if (!body.isEmpty()) {
                        throw new IllegalArgumentException("open takes no keys, but was given '" + body + "'");
                    }
                    return Arena.open();
                case "disk":
                    return disk(body);
                default:
                    throw new IllegalArgumentException("unknown arena kind '" + kind + "', expected open or disk");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad arena spec '" + spec + "': " + e.getMessage(), e);
        }
    }

    /** The canonical spec of an arena, parseable by {@link #parse}. */
    public static String format(Arena arena) {
        if (arena.isOpen()) {
            return "open";
        }
        return "disk:radius=" + arena.radius()
                + (arena.centerX() != 0 || arena.centerY() != 0 ? ",x=" + arena.centerX() + ",y=" + arena.centerY() : "");
    }

    private static Arena disk(String body) {
        Double radius = null;
        double x = 0;
        double y = 0;
        Set<String> seen = new HashSet<>();
        if (body.isEmpty()) {
            throw new IllegalArgumentException("missing radius, e.g. disk:radius=4.5");
        }
        for (String part : body.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not key=value");
            }
            String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (!Set.of("radius", "x", "y").contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "', allowed: radius, x, y");
            }
            if (!seen.add(key)) {
                throw new IllegalArgumentException("key '" + key + "' given twice");
            }
            String text = part.substring(eq + 1).strip();
            double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " '" + text + "' is not a number");
            }
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(key + " must be finite, but was " + text);
            }
            switch (key) {
                case "radius" -> radius = v;
                case "x" -> x = v;
                default -> y = v;
            }
        }
        if (radius == null) {
            throw new IllegalArgumentException("missing radius, e.g. disk:radius=4.5");
        }
        if (!(radius > 0)) {
            throw new IllegalArgumentException("radius must be > 0, but was " + radius);
        }
        return Arena.disk(x, y, radius);
    }
}
