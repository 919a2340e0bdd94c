package org.chemotaxis.examples.thermotaxis;

/**
 * A plate with a radial temperature gradient: warmest at the centre, falling linearly with the
 * distance from it, T(r) = centre - gradient * r (degrees C, cm). The worm's cultivation
 * temperature is reached on one circle, the isotherm it should find and follow.
 *
 * @param centre      temperature at the centre (degrees C)
 * @param gradient    fall of the temperature per cm (degrees C / cm), > 0
 * @param cultivation the temperature the worm was raised at (degrees C), below the centre's
 */
record Plate(double centre, double gradient, double cultivation) {

    double temperature(double x, double y) {
        return centre - gradient * StrictMath.sqrt(x * x + y * y);
    }

    /** Radius of the isotherm of the cultivation temperature (cm). */
    double isothermRadius() {
        return (centre - cultivation) / gradient;
    }
}
