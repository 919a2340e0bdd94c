package org.chemotaxis.worm;

/** Where each worm starts and which way it first heads. */
public sealed interface Start {

    /** The initial heading: uniformly random (the default), or straight at the peak (ceilings, tests). */
    enum Heading { RANDOM, TOWARD_PEAK }

    Heading heading();

    /** On the circle of radius {@code distance} around the peak, at a uniformly random angle. */
    record Ring(double distance, Heading heading) implements Start {
        public Ring {
            Checks.positive(distance, "world.start.distance");
            if (heading == null) {
                throw new IllegalArgumentException("heading must be given (world.start.heading)");
            }
        }
    }

    /** At a fixed point (x, y), e.g. the centre of an assay plate between two spots. */
    record Point(double x, double y, Heading heading) implements Start {
        public Point {
            Checks.finite(x, "world.start.x");
            Checks.finite(y, "world.start.y");
            if (heading == null) {
                throw new IllegalArgumentException("heading must be given (world.start.heading)");
            }
        }
    }

    static Start ring(double distance) {
        return new Ring(distance, Heading.RANDOM);
    }

    static Start point(double x, double y) {
        return new Point(x, y, Heading.RANDOM);
    }
}
