package org.chemotaxis.worm;

import org.chemotaxis.model.NoiseSource;
import org.chemotaxis.model.RecurrentModel;

/**
 * A {@link RecurrentModel} as the worm's controller, wired as {@link NetworkSpec} says. Every
 * {@code controlDt} (the first world step, then every k-th) the network takes one step from its
 * state (which persists through the episode, from {@link RecurrentModel#initialState} at reset),
 * and its decoded outputs are held until the next network step. The rows of the batch are the
 * worms, so one network call serves the whole batch.
 *
 * <p>The sensor integrates: the concentration inputs of a network step are means over the world
 * steps since the previous network step (the k steps k(n-1)+1 .. kn; the first network step sees
 * world step 0 alone): {@code c} the mean of C, {@code logc} the mean of ln C, and {@code dlogc}
 * the change of that mean since the previous network step. When the world step equals controlDt
 * (training) this is the current sample; in a finer world (evaluation at 0.01 s) the network
 * sees as much of the signal as a controller that steps every world step, which matters when the
 * sensor is noisy. The phase inputs are those of the network step's own world step.
 *
 * <p>With {@code sensorTau} &gt; 0 the sensor is a first-order low-pass instead: every world
 * step, L += (1 - exp(-dt / sensorTau)) (ln C - L) and likewise for C (exact for a value held
 * over the step, so the filter is the same at any dt; L starts at the first sample), and the
 * network reads L (logc), the filtered C (c) and the change of L since its previous step
 * (dlogc). The hand-crafted controllers filter d ln C/dt with tau = 0.5 s in the same way.
 *
 * <p>With {@code adaptTau} &gt; 0 the sensor adapts: every network step, m += (1 - exp(-controlDt /
 * adaptTau)) (d^2 - m) with d the dlogc value (m starts at 1, the size derivativeScale is chosen
 * for), and the network reads d / sqrt(m + {@link NetworkSpec#ADAPT_FLOOR}^2). A steep and a
 * shallow gradient then give signals of the same size: the network cannot tell its distance
 * from the peak by the strength of the signal, and need not learn one gain per gradient.
 *
 * <p>Node perturbation: with {@link #noise} set, network step t (0, 1, ...) asks the source for
 * count x noiseSize values and adds them at the model's noise sites. Parameters and sources are
 * held by reference, not copied. Not thread-safe.
 */
public final class NetworkController implements Controller {

    private final RecurrentModel model;
    private final NetworkSpec spec;
    private final NetworkSpec.Input[] inputs;
    private final int nIn;
    private final int nOut;

    private double[] theta;
    private NoiseSource noise;
    private NoiseSource cotangent;
    private double[] gradient;

    private int rows = -1;
    private int stepsPerControl;
    private int calls;
    private int controlStep;
    private double[] stateIn = new double[0];
    private double[] stateOut = new double[0];
    private double[] input = new double[0];
    private double[] output = new double[0];
    private double[] noiseBuf = new double[0];
    private double[] tape = new double[0];
    private double[] heldTurn = new double[0];
    private double[] heldRate = new double[0];
    private double[] lastLog = new double[0];
    private double[] adaptMeanSquare = new double[0];
    private double adaptRate;
    private double[] sumC = new double[0];
    private double[] sumLog = new double[0];
    private int summed;
    private double lowPass;

    public NetworkController(RecurrentModel model, NetworkSpec spec) {
        if (model == null || spec == null) {
            throw new IllegalArgumentException("model and network spec must be given");
        }
        if (model.inputSize() != spec.inputSize()) {
            throw new IllegalArgumentException("model inputs must equal the network inputs " + spec.inputSize()
                    + " " + keys(spec) + ", but the model has " + model.inputSize() + " (model.inputs)");
        }
        if (model.outputSize() != spec.outputSize()) {
            throw new IllegalArgumentException("model outputs must be " + spec.outputSize()
                    + (spec.pirouetteOutput() ? " (turn, pirouette)" : " (turn)") + ", but the model has "
                    + model.outputSize() + " (model.outputs)");
        }
        this.model = model;
        this.spec = spec;
        this.inputs = spec.inputs().toArray(new NetworkSpec.Input[0]);
        this.nIn = spec.inputSize();
        this.nOut = spec.outputSize();
    }

    /** A controller already holding {@code theta} (by reference). */
    public static NetworkController of(RecurrentModel model, double[] theta, NetworkSpec spec) {
        return new NetworkController(model, spec).parameters(theta);
    }

    private static String keys(NetworkSpec spec) {
        StringBuilder b = new StringBuilder("[");
        for (NetworkSpec.Input in : spec.inputs()) {
            b.append(b.length() > 1 ? "," : "").append(in.key());
        }
        return b.append(']').toString();
    }

    public RecurrentModel model() {
        return model;
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** Uses {@code theta} (length P, held by reference, never modified) from the next reset on. */
    public NetworkController parameters(double[] theta) {
        if (theta == null || theta.length != model.parameterCount()) {
            throw new IllegalArgumentException("theta must have length " + model.parameterCount() + ", but was "
                    + (theta == null ? "null" : theta.length));
        }
        this.theta = theta;
        return this;
    }

    /** Adds node noise from {@code source} at every network step (null: none). */
    public NetworkController noise(NoiseSource source) {
        this.noise = source;
        return this;
    }

    /**
     * At every network step t, adds model.localGradient of {@code source.fill(t)} to
     * {@code grad} (both null: off). The network itself runs noiseless then.
     */
    NetworkController cotangent(NoiseSource source, double[] grad) {
        if ((source == null) != (grad == null)) {
            throw new IllegalArgumentException("cotangent and gradient must be given together");
        }
        this.cotangent = source;
        this.gradient = grad;
        return this;
    }

    @Override
    public String name() {
        return "network";
    }

    @Override
    public void reset(int count, double dt) {
        if (theta == null) {
            throw new IllegalStateException("no parameters: call parameters(theta) first");
        }
        stepsPerControl = spec.stepsPerControl(dt);
        if (count > rows) {
            int s = model.stateSize();
            stateIn = new double[count * s];
            stateOut = new double[count * s];
            input = new double[count * nIn];
            output = new double[count * nOut];
            noiseBuf = new double[count * model.noiseSize()];
            tape = new double[count * model.tapeSize()];
            heldTurn = new double[count];
            heldRate = new double[count];
            lastLog = new double[count];
            adaptMeanSquare = new double[count];
            sumC = new double[count];
            sumLog = new double[count];
            rows = count;
        }
        model.initialState(theta, stateIn, count);
        calls = 0;
        controlStep = 0;
        java.util.Arrays.fill(sumC, 0, count, 0.0);
        java.util.Arrays.fill(sumLog, 0, count, 0.0);
        summed = 0;
        lowPass = spec.sensorTau() > 0 ? 1 - StrictMath.exp(-dt / spec.sensorTau()) : 0;
        adaptRate = spec.adaptTau() > 0 ? 1 - StrictMath.exp(-spec.controlDt() / spec.adaptTau()) : 0;
        java.util.Arrays.fill(adaptMeanSquare, 0, count, 1.0);
    }

    @Override
    public void step(double t, double[] concentration, double[] sinPhase, double[] cosPhase, int count,
                     double[] turn, double[] pirouetteRate) {
        if (lowPass > 0) {
            // sumC and sumLog hold the filtered C and ln C; "summed" stays 1.
            for (int i = 0; i < count; i++) {
                double logC = StrictMath.log(concentration[i]);
                if (calls == 0) {
                    sumC[i] = concentration[i];
                    sumLog[i] = logC;
                } else {
                    sumC[i] += lowPass * (concentration[i] - sumC[i]);
                    sumLog[i] += lowPass * (logC - sumLog[i]);
                }
            }
            summed = 1;
        } else {
            for (int i = 0; i < count; i++) {
                sumC[i] += concentration[i];
                sumLog[i] += StrictMath.log(concentration[i]);
            }
            summed++;
        }
        if (calls % stepsPerControl == 0) {
            networkStep(sinPhase, cosPhase, count);
        }
        calls++;
        System.arraycopy(heldTurn, 0, turn, 0, count);
        System.arraycopy(heldRate, 0, pirouetteRate, 0, count);
    }

    private void networkStep(double[] sinPhase, double[] cosPhase, int count) {
        final double rateScale = spec.derivativeScale() / spec.controlDt();
        final boolean first = controlStep == 0;
        final double inv = 1.0 / summed;
        for (int i = 0; i < count; i++) {
            int o = i * nIn;
            double logC = sumLog[i] * inv;
            double c = sumC[i] * inv;
            if (lowPass == 0) {
                sumLog[i] = 0;
                sumC[i] = 0;
            }
            for (int j = 0; j < nIn; j++) {
                double v;
                switch (inputs[j]) {
                    case CONCENTRATION -> v = c;
                    case LOG_CONCENTRATION -> v = logC;
                    case LOG_DERIVATIVE -> v = adapted(i, first ? 0 : rateScale * (logC - lastLog[i]));
                    case SIN_PHASE -> v = sinPhase[i];
                    default -> v = cosPhase[i];
                }
                input[o + j] = v;
            }
            lastLog[i] = logC;
        }
        summed = 0;
        double[] n = null;
        if (noise != null && cotangent == null) {
            noise.fill(controlStep, noiseBuf);
            n = noiseBuf;
        }
        double[] tp = cotangent != null ? tape : null;
        model.step(theta, stateIn, stateOut, input, output, count, n, tp, 0);
        if (cotangent != null) {
            cotangent.fill(controlStep, noiseBuf);
            model.localGradient(theta, tape, 0, count, noiseBuf, gradient);
        }
        double[] swap = stateIn;
        stateIn = stateOut;
        stateOut = swap;
        final double maxTurn = spec.maxTurnRate();
        final double maxRate = spec.maxPirouetteRate();
        final boolean pir = spec.pirouetteOutput();
        for (int i = 0; i < count; i++) {
            heldTurn[i] = maxTurn * StrictMath.tanh(output[i * nOut]);
            heldRate[i] = pir ? maxRate / (1 + StrictMath.exp(-output[i * nOut + 1])) : 0;
        }
        controlStep++;
    }

    /** The dlogc value d of worm i as the (possibly adapting) sensor reports it; see the class comment. */
    private double adapted(int i, double d) {
        if (adaptRate == 0) {
            return d;
        }
        adaptMeanSquare[i] += adaptRate * (d * d - adaptMeanSquare[i]);
        return d / Math.sqrt(adaptMeanSquare[i] + NetworkSpec.ADAPT_FLOOR * NetworkSpec.ADAPT_FLOOR);
    }

    /** Network steps taken since the last reset. */
    public int networkSteps() {
        return controlStep;
    }
}
