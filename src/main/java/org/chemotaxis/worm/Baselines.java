package org.chemotaxis.worm;

import java.util.List;

/**
 * The hand-crafted baseline controllers of DESIGN.md, by name: {@code none} (no sensing,
 * pirouettes at 0.033/s), {@code pirouette} (0.5/s while the low-passed d ln C/dt is negative,
 * else 0.005/s), {@code weathervane} (omega = -40 s cos(phase) and no pirouettes at all) and
 * {@code combined} (both rules). Without pirouettes the weathervane worm matches the reference
 * (F 0.64, median reach 218 s); with spontaneous pirouettes at 0.033/s it would not (F 0.60,
 * median reach 300 s).
 */
public final class Baselines {

    /** Time constant of the low-passed d ln C / dt, s. */
    public static final double TAU = 0.5;
    /** Spontaneous pirouette rate of a worm that does not sense, 1/s. */
    public static final double SPONTANEOUS_RATE = 0.033;
    /** Pirouette rate while ln C falls, 1/s (Pierce-Shimomura et al. 1999). */
    public static final double RATE_FALLING = 0.5;
    /** Pirouette rate while ln C rises, 1/s. */
    public static final double RATE_RISING = 0.005;
    /** Weathervane gain g, rad. */
    public static final double GAIN = 40;

    public static final List<String> NAMES = List.of("none", "pirouette", "weathervane", "combined");

    private Baselines() {
    }

    /** The parameters of a baseline; unknown name: a message listing the accepted names. */
    public static HandCraftedController.Params params(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (n) {
            case "none" -> new HandCraftedController.Params("none", false, SPONTANEOUS_RATE, SPONTANEOUS_RATE, 0, TAU);
            case "pirouette" -> new HandCraftedController.Params("pirouette", true, RATE_FALLING, RATE_RISING, 0, TAU);
            case "weathervane" -> new HandCraftedController.Params("weathervane", true, 0, 0, GAIN, TAU);
            case "combined" -> new HandCraftedController.Params("combined", true, RATE_FALLING, RATE_RISING, GAIN, TAU);
            default -> throw new IllegalArgumentException("unknown controller '" + name + "'; accepted: "
                    + String.join(", ", NAMES));
        };
    }

    /** A new controller of the named baseline. */
    public static HandCraftedController create(String name) {
        return new HandCraftedController(params(name));
    }
}
