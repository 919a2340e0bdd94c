package org.chemotaxis.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.chemotaxis.worm.NetworkSpec;

/**
 * Section {@code controller}: how the network is wired into the worm (used when {@code data.type}
 * is {@code chemotaxis}); see {@link NetworkSpec}, whose defaults these are. The model's input
 * and output sizes follow from it.
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

    /** The defaults of this section are those of {@link NetworkSpec#defaults()}; a null argument means "default". */
    @JsonCreator
    public static ControllerConfig of(List<String> inputs, Boolean pirouetteOutput, Double maxTurnRate,
                                      Double maxPirouetteRate, Double controlDt, Double derivativeScale,
                                      Double sensorTau, Double adaptTau) {
        NetworkSpec d = NetworkSpec.defaults();
        return new ControllerConfig(
                inputs != null ? inputs : d.inputs().stream().map(NetworkSpec.Input::key).toList(),
                pirouetteOutput != null ? pirouetteOutput : d.pirouetteOutput(),
                maxTurnRate != null ? maxTurnRate : d.maxTurnRate(),
                maxPirouetteRate != null ? maxPirouetteRate : d.maxPirouetteRate(),
                controlDt != null ? controlDt : d.controlDt(),
                derivativeScale != null ? derivativeScale : d.derivativeScale(),
                sensorTau != null ? sensorTau : d.sensorTau(),
                adaptTau != null ? adaptTau : d.adaptTau());
    }

    public static ControllerConfig defaults() {
        return of(null, null, null, null, null, null, null, null);
    }
}
