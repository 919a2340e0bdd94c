package org.chemotaxis.worm;

/**
 * One world step in a disk arena: a step that would end beyond the wall is mirrored back in, and
 * a heading that points out is mirrored at the wall's normal. Shared by the reference simulator and
 * the batched world, so that both walls are the same to the last bit. Holds its result instead of
 * returning three numbers, so that the step allocates nothing.
 */
final class WallBounce {

    private final double cx;
    private final double cy;
    private final double wall;

    /** Where the step ended and the heading after it. */
    double x;
    double y;
    double heading;

    WallBounce(Arena arena) {
        this.cx = arena.centerX();
        this.cy = arena.centerY();
        this.wall = arena.radius();
    }

    /** The step from heading ({@code cos}, {@code sin}) that ends at ({@code xn}, {@code yn}). */
    void step(double xn, double yn, double cos, double sin, double heading) {
        this.x = xn;
        this.y = yn;
        this.heading = heading;
        double dx = xn - cx;
        double dy = yn - cy;
        double d2 = dx * dx + dy * dy;
        if (d2 > wall * wall) {
            double d = Math.sqrt(d2);
            double nx = dx / d;
            double ny = dy / d;
            this.x = cx + nx * (2 * wall - d);
            this.y = cy + ny * (2 * wall - d);
            double dot = cos * nx + sin * ny;
            if (dot > 0) {
                this.heading = StrictMath.atan2(sin - 2 * dot * ny, cos - 2 * dot * nx);
            }
        }
    }
}
