package org.chemotaxis.examples.thermotaxis;

import java.util.List;
import org.chemotaxis.api.BadParameterException;
import org.chemotaxis.api.Parameter;
import org.chemotaxis.api.Parameters;
import org.chemotaxis.api.Problem;
import org.chemotaxis.api.ProblemFactory;

/**
 * Publishes {@link Thermotaxis} as {@code problem.type: thermotaxis} (listed in
 * META-INF/services/org.chemotaxis.api.ProblemFactory). The defaults are a cheap world: 200
 * steps of 2 s, a worm of 0.2 mm/s starting up to 1.5 degrees C (3 cm) from its isotherm.
 */
public final class ThermotaxisFactory implements ProblemFactory {

    @Override
    public String name() {
        return "thermotaxis";
    }

    @Override
    public String description() {
        return "C. elegans isothermal tracking: find the cultivation temperature in a radial gradient, then follow "
                + "the isotherm";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.of("t_centre", 25.0, "temperature at the plate's centre (degrees C)"),
                Parameter.of("gradient", 0.5, "fall of the temperature per cm from the centre (degrees C/cm)"),
                Parameter.of("t_cultivation", 20.0, "the worm's cultivation temperature (degrees C), below t_centre"),
                Parameter.of("start_offset", 1.5, "largest distance of a start from the isotherm (degrees C)"),
                Parameter.of("speed", 0.02, "crawling speed (cm/s)"),
                Parameter.of("turn_max", 0.3, "largest turning rate (rad/s)"),
                Parameter.of("dt", 2.0, "time step (s)"),
                Parameter.of("steps", 200, "steps per episode"),
                Parameter.of("tau", 4.0, "time constant of the sensor's low-pass filter (s), >= dt"),
                Parameter.of("sensor_noise", 0.005, "standard deviation of the sensed temperature's noise (degrees C)"),
                Parameter.of("sweep_period", 10.0, "period of the head sweep (s)"),
                Parameter.of("sweep_amplitude", 0.02, "sideways reach of the head sweep (cm)"));
    }

    @Override
    public Problem create(Parameters p) {
        double centre = p.getDouble("t_centre");
        double gradient = positive(p, "gradient");
        double cultivation = p.getDouble("t_cultivation");
        if (!(cultivation < centre)) {
            throw new BadParameterException("t_cultivation", "must be below t_centre (" + centre
                    + "), or the plate has no isotherm at it, but was " + cultivation);
        }
        double offset = p.getDouble("start_offset");
        if (!(offset >= 0 && offset <= centre - cultivation)) {
            throw new BadParameterException("start_offset", "must be in [0, t_centre - t_cultivation = "
                    + (centre - cultivation) + "] (a start radius must not be negative), but was " + offset);
        }
        double dt = positive(p, "dt");
        int steps = p.getInt("steps");
        if (steps < 1) {
            throw new BadParameterException("steps", "must be > 0, but was " + steps);
        }
        double tau = p.getDouble("tau");
        if (!(tau >= dt)) {
            throw new BadParameterException("tau", "must be >= dt (" + dt + ") for a stable filter, but was " + tau);
        }
        double noise = p.getDouble("sensor_noise");
        if (!(noise >= 0)) {
            throw new BadParameterException("sensor_noise", "must be >= 0, but was " + noise);
        }
        double amplitude = p.getDouble("sweep_amplitude");
        if (!(amplitude >= 0)) {
            throw new BadParameterException("sweep_amplitude", "must be >= 0, but was " + amplitude);
        }
        return new Thermotaxis(new Plate(centre, gradient, cultivation), offset, positive(p, "speed"),
                positive(p, "turn_max"), dt, steps, tau, noise, positive(p, "sweep_period"), amplitude);
    }

    private static double positive(Parameters p, String key) {
        double v = p.getDouble(key);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new BadParameterException(key, "must be a finite number > 0, but was " + v);
        }
        return v;
    }
}
