package org.chemotaxis.worm;

import org.chemotaxis.api.Network;

/**
 * A {@link Network} as the worm's controller, wired as {@link NetworkSpec} says. Every
 * {@code controlDt} (the first world step, then every k-th) the network takes one step from its
 * state (which persists through the episode, from the network's reset),
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
 * <p>The network is whatever the project hands over (parameters, node noise and all); this class
 * only senses and moves. Not thread-safe.
 */
public final class NetworkController implements Controller {

    private final Network network;
    private final NetworkSpec spec;
    private final NetworkSpec.Input[] inputs;
    private final int nIn;
    private final int nOut;

    private int rows = -1;
    private int stepsPerControl;
    private int calls;
    private int controlStep;
    private double[] input = new double[0];
    private double[] output = new double[0];
    private double[] heldTurn = new double[0];
    private double[] heldRate = new double[0];
    private double[] lastLog = new double[0];
    private double[] adaptMeanSquare = new double[0];
    private double adaptRate;
    private double[] sumC = new double[0];
    private double[] sumLog = new double[0];
    private int summed;
    private double lowPass;

    public NetworkController(Network network, NetworkSpec spec) {
        if (network == null || spec == null) {
            throw new IllegalArgumentException("network and network spec must be given");
        }
        spec.check(network.inputSize(), network.outputSize());
        this.network = network;
        this.spec = spec;
        this.inputs = spec.inputs().toArray(new NetworkSpec.Input[0]);
        this.nIn = spec.inputSize();
        this.nOut = spec.outputSize();
    }

    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return "network";
    }

    @Override
    public void reset(int count, double dt) {
        stepsPerControl = spec.stepsPerControl(dt);
        if (count > rows) {
            input = new double[count * nIn];
            output = new double[count * nOut];
            heldTurn = new double[count];
            heldRate = new double[count];
            lastLog = new double[count];
            adaptMeanSquare = new double[count];
            sumC = new double[count];
            sumLog = new double[count];
            rows = count;
        }
        network.reset(count);
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
        network.step(input, output);
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
