package org.chemotaxis.worm;

/** Validation shared by the records of this package; messages name the offending key. */
final class Checks {

    private Checks() {
    }

    static double finite(double value, String key) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(key.substring(key.lastIndexOf('.') + 1) + " must be finite, but was "
                    + value + " (" + key + ")");
        }
        return value;
    }

    static double positive(double value, String key) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name(key) + " must be > 0 and finite, but was " + value + " (" + key + ")");
        }
        return value;
    }

    static double nonNegative(double value, String key) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name(key) + " must be >= 0 and finite, but was " + value + " (" + key + ")");
        }
        return value;
    }

    static int positive(int value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException(name(key) + " must be > 0, but was " + value + " (" + key + ")");
        }
        return value;
    }

    private static String name(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }
}
