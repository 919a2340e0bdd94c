package org.chemotaxis.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Section {@code controller}: how the network is wired into the worm (used when {@code data.type}
 * is {@code chemotaxis}). The model's input and output sizes follow from it. The defaults are
 * the chemotaxis network's (worm.NetworkSpec.defaults(); a test keeps the two equal).
 *
 * @param inputs           what the network sees, in order: c, logc, dlogc, sin, cos
 * @param pirouetteOutput  a second output sets the pirouette rate
 * @param maxTurnRate      the turning output is maxTurnRate tanh(out0), rad/s
 * @param maxPirouetteRate the pirouette output is maxPirouetteRate / (1 + exp(-out1)), 1/s
 * @param controlDt        the network steps every controlDt s, a whole multiple of world.dt and of 0.01 s
 * @param derivativeScale  the dlogc input is derivativeScale d(ln C)/dt, s
 * @param sensorTau        time constant of the sensor's low-pass, s; 0: the sensor averages over
 *                         each control interval
 * @param adaptTau         time constant of the sensor's adaptation, s; 0: none
 */
public record ControllerConfig(List<String> inputs, boolean pirouetteOutput, double maxTurnRate,
                               double maxPirouetteRate, double controlDt, double derivativeScale, double sensorTau,
                               double adaptTau) {

    public ControllerConfig {
        // Null entries are kept so that validate() can name them instead of failing here.
        inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
    }

    /** The defaults of this section live here and nowhere else; a null argument means "default". */
    @JsonCreator
    public static ControllerConfig of(List<String> inputs, Boolean pirouetteOutput, Double maxTurnRate,
                                      Double maxPirouetteRate, Double controlDt, Double derivativeScale,
                                      Double sensorTau, Double adaptTau) {
        return new ControllerConfig(
                inputs != null ? inputs : List.of("dlogc", "sin", "cos"),
                pirouetteOutput != null ? pirouetteOutput : false,
                maxTurnRate != null ? maxTurnRate : 3.0,
                maxPirouetteRate != null ? maxPirouetteRate : 1.0,
                controlDt != null ? controlDt : 0.1,
                derivativeScale != null ? derivativeScale : 30.0,
                sensorTau != null ? sensorTau : 0.0,
                adaptTau != null ? adaptTau : 0.0);
    }

    public static ControllerConfig defaults() {
        return of(null, null, null, null, null, null, null, null);
    }
}
