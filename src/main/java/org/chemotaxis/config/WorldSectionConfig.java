package org.chemotaxis.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;

/**
 * Section {@code world}: the chemotaxis world that training episodes run in (used when
 * {@code data.type} is {@code chemotaxis}). Everything not named here is the reference world of
 * docs/CHEMOTAXIS.md (worm.WorldConfig.defaults()). Training may use a coarser and shorter world than
 * evaluation, which always runs at dt = 0.01 s for 500 s unless told otherwise.
 *
 * @param field         the concentration field, a field spec ("gauss", "cone:slope=-0.1", see
 *                      docs/CHEMOTAXIS.md, "Field specs"), or a list of specs: each training
 *                      episode then runs on one of them, drawn uniformly; the first is the field
 *                      of plots and evaluations
 * @param dt            world step of training episodes, s
 * @param duration      length of a training episode, s
 * @param startDistance worms start this far from the peak, at a random angle and heading, cm
 * @param arena         an arena spec: "open" or "disk:radius=R[,x=X][,y=Y]"
 * @param sensorNoise   relative noise eta of the sensed concentration, C (1 + eta N(0,1)) per world
 *                      step; a range [min, max] gives each episode its own eta, drawn uniformly
 */
public record WorldSectionConfig(FieldSpecs field, double dt, double duration, double startDistance, String arena,
                                 Range sensorNoise) {

    public WorldSectionConfig {
        Objects.requireNonNull(field, "world.field");
        Objects.requireNonNull(arena, "world.arena");
        Objects.requireNonNull(sensorNoise, "world.sensor_noise");
    }

    /** The defaults of this section live here and nowhere else; a null argument means "default". */
    @JsonCreator
    public static WorldSectionConfig of(FieldSpecs field, Double dt, Double duration, Double startDistance, String arena,
                                        Range sensorNoise) {
        return new WorldSectionConfig(
                field != null ? field : FieldSpecs.of("gauss"),
                dt != null ? dt : 0.1,
                duration != null ? duration : 300.0,
                startDistance != null ? startDistance : 4.5,
                arena != null ? arena : "open",
                sensorNoise != null ? sensorNoise : Range.of(0.0));
    }

    public static WorldSectionConfig defaults() {
        return of(null, null, null, null, null, null);
    }
}
