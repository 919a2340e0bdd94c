package org.chemotaxis.worm;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * How a recurrent network is wired into the worm; immutable.
 *
 * <p>Inputs, in the order given: {@code c} (the sensed concentration), {@code logc} (its natural
 * log, at least ln 1e-9 = -20.7), {@code dlogc} (how fast ln C changed since the previous network
 * step: derivativeScale (ln C_t - ln C_{t-1}) / controlDt, 0 at the first step), {@code sin} and
 * {@code cos} (of the head-sweep phase).
 *
 * <p>{@code dlogc} is the sensory neuron of Izquierdo and Lockery (2010), whose chemosensory
 * cells respond to the difference of the concentration between two recent time windows, like
 * the ON and OFF cells ASEL and ASER (Suzuki et al. 2008); here the windows are single samples,
 * so any smoothing is the network's own. A worm at 0.022 cm/s changes ln C by at most a few
 * percent per second, so a network that sees logc alone must learn gains of hundreds to read the
 * change against the absolute level; {@code derivativeScale} (s) puts the change into units
 * where it is of order one: the relative change of C over that many seconds.
 *
 * <p>Outputs: output 0 is the turning rate omega = maxTurnRate tanh(out0), so it never leaves the
 * world's clipping range of +/-3 rad/s; with {@code pirouetteOutput}, output 1 is the pirouette
 * rate maxPirouetteRate / (1 + exp(-out1)) (a logistic, so the rate is in (0, max) and its
 * derivative never vanishes entirely); without it the worm never pirouettes.
 *
 * @param inputs           what the network sees, in input order; no repeats
 * @param pirouetteOutput  whether the network has a second output for the pirouette rate
 * @param maxTurnRate      rad/s (3)
 * @param maxPirouetteRate 1/s (1)
 * @param controlDt        the network steps every controlDt seconds, a whole multiple of the
 *                         world's dt, and holds its outputs in between (0.1)
 * @param derivativeScale  the factor of the {@code dlogc} input, s (30)
 * @param sensorTau        time constant of the sensor's low-pass, s; 0: the sensor averages over
 *                         each control interval only (see {@link NetworkController}) (0)
 * @param adaptTau         time constant of the sensor's adaptation, s; 0: none (0). With adaptation
 *                         the {@code dlogc} input is divided by the root of its own running mean
 *                         square (over about adaptTau seconds, floored at {@link #ADAPT_FLOOR}), so
 *                         that it is of order one in a steep gradient and in a shallow one alike
 */
public record NetworkSpec(List<Input> inputs, boolean pirouetteOutput, double maxTurnRate, double maxPirouetteRate,
                          double controlDt, double derivativeScale, double sensorTau, double adaptTau) {

    /** What the network may see. */
    public enum Input {
        CONCENTRATION("c"), LOG_CONCENTRATION("logc"), LOG_DERIVATIVE("dlogc"), SIN_PHASE("sin"), COS_PHASE("cos");

        private final String key;

        Input(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Input parse(String key) {
            String k = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
            for (Input in : values()) {
                if (in.key.equals(k)) {
                    return in;
                }
            }
            throw new IllegalArgumentException("unknown network input '" + key + "'; accepted: c, logc, dlogc, sin, cos "
                    + "(controller.inputs)");
        }
    }

    public static final double MAX_PIROUETTE_RATE = 1.0;
    public static final double CONTROL_DT = 0.1;
    public static final double DERIVATIVE_SCALE = 30;
    /**
     * The adapted input is dlogc / sqrt(m + ADAPT_FLOOR^2), m the running mean of dlogc^2: below
     * this size (a hundredth of what derivativeScale makes of order one) a signal is not magnified
     * further, so that noise near a peak, where the gradient vanishes, is not blown up.
     */
    public static final double ADAPT_FLOOR = 0.01;

    public NetworkSpec {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs must name at least one of c, logc, dlogc, sin, cos (controller.inputs)");
        }
        inputs = List.copyOf(inputs);
        EnumSet<Input> seen = EnumSet.noneOf(Input.class);
        for (Input in : inputs) {
            if (!seen.add(in)) {
                throw new IllegalArgumentException("inputs must not repeat, but '" + in.key() + "' appears twice "
                        + "(controller.inputs)");
            }
        }
        Checks.positive(maxTurnRate, "controller.max_turn_rate");
        Checks.positive(maxPirouetteRate, "controller.max_pirouette_rate");
        Checks.positive(controlDt, "controller.control_dt");
        Checks.positive(derivativeScale, "controller.derivative_scale");
        Checks.nonNegative(sensorTau, "controller.sensor_tau");
        Checks.nonNegative(adaptTau, "controller.adapt_tau");
    }

    /** Inputs dlogc, sin, cos; turning output only; control every 0.1 s. */
    public static NetworkSpec defaults() {
        return new NetworkSpec(List.of(Input.LOG_DERIVATIVE, Input.SIN_PHASE, Input.COS_PHASE), false,
                WorldConfig.MAX_TURN_RATE, MAX_PIROUETTE_RATE, CONTROL_DT, DERIVATIVE_SCALE, 0, 0);
    }

    /** Parses "logc,sin,cos". */
    public static List<Input> parseInputs(String csv) {
        List<Input> out = new ArrayList<>();
        for (String k : (csv == null ? "" : csv).split(",", -1)) {
            out.add(Input.parse(k));
        }
        return out;
    }

    /**
     * Checks that a network with {@code inputs} inputs and {@code outputs} outputs fits these
     * sensors and this motor, naming the config keys when it does not.
     */
    public void check(int inputs, int outputs) {
        if (inputs != inputSize()) {
            throw new IllegalArgumentException("model inputs must equal the network inputs " + inputSize()
                    + " " + keys() + ", but the model has " + inputs + " (model.inputs)");
        }
        if (outputs != outputSize()) {
            throw new IllegalArgumentException("model outputs must be " + outputSize()
                    + (pirouetteOutput() ? " (turn, pirouette)" : " (turn)") + ", but the model has "
                    + outputs + " (model.outputs)");
        }
    }

    private String keys() {
        StringBuilder b = new StringBuilder("[");
        for (Input in : inputs()) {
            b.append(b.length() > 1 ? "," : "").append(in.key());
        }
        return b.append(']').toString();
    }

    public int inputSize() {
        return inputs.size();
    }

    public int outputSize() {
        return pirouetteOutput ? 2 : 1;
    }

    /**
     * World steps per network step for a world step of {@code dt}; controlDt must be a whole
     * multiple of dt (to 1e-9 relative).
     */
    public int stepsPerControl(double dt) {
        long k = Math.round(controlDt / dt);
        if (k < 1 || Math.abs(k * dt - controlDt) > 1e-9 * controlDt) {
            throw new IllegalArgumentException("control_dt must be a whole multiple of the world's dt " + dt
                    + ", but was " + controlDt + " (controller.control_dt)");
        }
        if (k > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("control_dt / dt must be < 2^31, but was " + k + " (controller.control_dt)");
        }
        return (int) k;
    }

    /** Network steps in an episode of {@code worldSteps} steps of {@code dt}. */
    public int controlSteps(int worldSteps, double dt) {
        int k = stepsPerControl(dt);
        return (worldSteps + k - 1) / k;
    }

    public NetworkSpec withInputs(List<Input> v) {
        return new NetworkSpec(v, pirouetteOutput, maxTurnRate, maxPirouetteRate, controlDt, derivativeScale, sensorTau, adaptTau);
    }

    public NetworkSpec withPirouetteOutput(boolean v) {
        return new NetworkSpec(inputs, v, maxTurnRate, maxPirouetteRate, controlDt, derivativeScale, sensorTau, adaptTau);
    }

    public NetworkSpec withMaxTurnRate(double v) {
        return new NetworkSpec(inputs, pirouetteOutput, v, maxPirouetteRate, controlDt, derivativeScale, sensorTau, adaptTau);
    }

    public NetworkSpec withMaxPirouetteRate(double v) {
        return new NetworkSpec(inputs, pirouetteOutput, maxTurnRate, v, controlDt, derivativeScale, sensorTau, adaptTau);
    }

    public NetworkSpec withControlDt(double v) {
        return new NetworkSpec(inputs, pirouetteOutput, maxTurnRate, maxPirouetteRate, v, derivativeScale, sensorTau, adaptTau);
    }

    public NetworkSpec withSensorTau(double v) {
        return new NetworkSpec(inputs, pirouetteOutput, maxTurnRate, maxPirouetteRate, controlDt, derivativeScale, v, adaptTau);
    }

    public NetworkSpec withDerivativeScale(double v) {
        return new NetworkSpec(inputs, pirouetteOutput, maxTurnRate, maxPirouetteRate, controlDt, v, sensorTau, adaptTau);
    }

    public NetworkSpec withAdaptTau(double v) {
        return new NetworkSpec(inputs, pirouetteOutput, maxTurnRate, maxPirouetteRate, controlDt, derivativeScale, sensorTau, v);
    }
}
