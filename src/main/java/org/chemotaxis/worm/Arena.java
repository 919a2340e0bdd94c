package org.chemotaxis.worm;

/**
 * Where the worm may go: the open plane ({@link #open()}), or a disk with a reflecting wall
 * (a plate), given by its centre and radius in cm.
 */
public record Arena(double centerX, double centerY, double radius) {

    public Arena {
        Checks.finite(centerX, "world.arena.x");
        Checks.finite(centerY, "world.arena.y");
        if (!(radius > 0)) {
            throw new IllegalArgumentException("radius must be > 0, but was " + radius + " (world.arena.radius)");
        }
    }

    public static Arena open() {
        return new Arena(0, 0, Double.POSITIVE_INFINITY);
    }

    public static Arena disk(double centerX, double centerY, double radius) {
        Checks.positive(radius, "world.arena.radius");
        return new Arena(centerX, centerY, radius);
    }

    public boolean isOpen() {
        return radius == Double.POSITIVE_INFINITY;
    }

    public boolean contains(double x, double y) {
        double dx = x - centerX;
        double dy = y - centerY;
        return dx * dx + dy * dy <= radius * radius;
    }
}
