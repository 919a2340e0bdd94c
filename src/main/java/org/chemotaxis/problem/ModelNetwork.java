package org.chemotaxis.problem;

import java.util.Arrays;
import org.chemotaxis.api.Network;
import org.chemotaxis.model.ElmanCopies;
import org.chemotaxis.model.ElmanModel;
import org.chemotaxis.model.NoiseSource;
import org.chemotaxis.model.RecurrentModel;

/**
 * A {@link RecurrentModel} with one or several parameter vectors, stepped for a problem: the
 * API's {@link Network}. A one-layer Elman network without node noise runs on {@link ElmanCopies}
 * (all copies in one call, the same bits as the model's own step); anything else on
 * {@link RecurrentModel#step}, copy by copy.
 *
 * <p>Node perturbation happens here, so that every problem has it: with {@link #noise} set,
 * network step t (0, 1, ... since the last reset) asks the source for rows x noiseSize values
 * and adds them at the model's noise sites; with {@link #cotangent} set, the network runs
 * noiselessly and adds model.localGradient of the cotangent's values at every step to the
 * gradient. Parameters and sources are held by reference. Not thread-safe.
 */
public final class ModelNetwork implements Network {

    private final RecurrentModel model;
    private final int parameterCount;
    /** The fast path of a one-layer Elman network, else null. */
    private final ElmanCopies fast;

    private double[] thetas;
    private int copies = 1;
    private NoiseSource noise;
    private NoiseSource cotangent;
    private double[] gradient;

    private boolean onFast;
    private int rows = -1;
    private int t;
    private double[] stateIn = new double[0];
    private double[] stateOut = new double[0];
    private double[] noiseBuf = new double[0];
    private double[] tape = new double[0];

    /** Per copy, when several copies run the model's own step: a network of that copy alone. */
    private ModelNetwork[] views = new ModelNetwork[0];
    private double[][] viewThetas = new double[0][];
    private double[] viewIn = new double[0];
    private double[] viewOut = new double[0];

    ModelNetwork(RecurrentModel model) {
        this.model = model;
        this.parameterCount = model.parameterCount();
        this.fast = ElmanCopies.supports(model) ? new ElmanCopies((ElmanModel) model) : null;
    }

    /** The network of {@code model} with parameters {@code theta} (held by reference), e.g. for a scorer. */
    public static Network of(RecurrentModel model, double[] theta) {
        if (theta == null || theta.length != model.parameterCount()) {
            throw new IllegalArgumentException("theta must have length " + model.parameterCount() + ", but was "
                    + (theta == null ? "null" : theta.length));
        }
        return new ModelNetwork(model).parameters(theta);
    }

    /** One parameter vector (held by reference) for the next {@link #reset} and steps. */
    ModelNetwork parameters(double[] theta) {
        return copies(theta, 1);
    }

    /** {@code copies} parameter vectors {@code thetas[c * P .. (c + 1) * P)} (held by reference). */
    ModelNetwork copies(double[] thetas, int copies) {
        if (copies < 1 || thetas.length < copies * parameterCount) {
            throw new IllegalArgumentException("need " + copies + " x " + parameterCount + " parameters, but got "
                    + thetas.length);
        }
        this.thetas = thetas;
        this.copies = copies;
        this.rows = -1;
        return this;
    }

    /** Adds node noise from {@code source} at every step (null: none). One copy only. */
    ModelNetwork noise(NoiseSource source) {
        this.noise = source;
        return this;
    }

    /** Accumulates the local gradient of {@code source}'s values into {@code grad} (both null: off). */
    ModelNetwork cotangent(NoiseSource source, double[] grad) {
        if ((source == null) != (grad == null)) {
            throw new IllegalArgumentException("cotangent and gradient must be given together");
        }
        this.cotangent = source;
        this.gradient = grad;
        return this;
    }

    @Override
    public int inputSize() {
        return model.inputSize();
    }

    @Override
    public int outputSize() {
        return model.outputSize();
    }

    @Override
    public int copies() {
        return copies;
    }

    @Override
    public Network copy(int copy) {
        if (copy < 0 || copy >= copies) {
            throw new IndexOutOfBoundsException("copy " + copy + " of " + copies);
        }
        if (copies == 1) {
            return this;
        }
        ensureViews();
        System.arraycopy(thetas, copy * parameterCount, viewThetas[copy], 0, parameterCount);
        return views[copy].parameters(viewThetas[copy]);
    }

    @Override
    public void reset(int rows) {
        if (thetas == null) {
            throw new IllegalStateException("no parameters given");
        }
        if (rows < 1 || rows % copies != 0) {
            throw new IllegalArgumentException("rows must be a positive multiple of the " + copies + " copies, but was "
                    + rows);
        }
        boolean perturbed = noise != null || cotangent != null;
        if (perturbed && copies > 1) {
            throw new IllegalStateException("node noise runs one copy at a time");
        }
        this.rows = rows;
        this.t = 0;
        onFast = fast != null && !perturbed;
        if (onFast) {
            fast.reset(thetas, copies, rows / copies);
        } else if (copies > 1) {
            ensureViews();
            int k = rows / copies;
            for (int c = 0; c < copies; c++) {
                copy(c).reset(k);
            }
            viewIn = grow(viewIn, k * model.inputSize());
            viewOut = grow(viewOut, k * model.outputSize());
        } else {
            int n = rows * model.stateSize();
            stateIn = grow(stateIn, n);
            stateOut = grow(stateOut, n);
            if (noiseBuf.length != rows * model.noiseSize()) {
                // A noise source fills the whole buffer it is given: exactly rows x noiseSize.
                noiseBuf = new double[rows * model.noiseSize()];
            }
            tape = cotangent != null ? grow(tape, rows * model.tapeSize()) : tape;
            model.initialState(thetas, stateIn, rows);
        }
    }

    @Override
    public void step(double[] input, double[] output) {
        if (rows < 1) {
            throw new IllegalStateException("reset(rows) must come before the first step");
        }
        if (input.length < rows * model.inputSize() || output.length < rows * model.outputSize()) {
            throw new IllegalArgumentException("input and output must hold " + rows + " rows of " + model.inputSize()
                    + " and " + model.outputSize() + " doubles, but have " + input.length + " and " + output.length);
        }
        if (onFast) {
            fast.step(input, output);
        } else if (copies > 1) {
            stepViews(input, output);
        } else {
            stepModel(input, output);
        }
        t++;
    }

    private void stepModel(double[] input, double[] output) {
        double[] n = null;
        if (noise != null && cotangent == null) {
            noise.fill(t, noiseBuf);
            n = noiseBuf;
        }
        double[] tp = cotangent != null ? tape : null;
        model.step(thetas, stateIn, stateOut, input, output, rows, n, tp, 0);
        if (cotangent != null) {
            cotangent.fill(t, noiseBuf);
            model.localGradient(thetas, tape, 0, rows, noiseBuf, gradient);
        }
        double[] swap = stateIn;
        stateIn = stateOut;
        stateOut = swap;
    }

    private void stepViews(double[] input, double[] output) {
        int k = rows / copies;
        int in = k * model.inputSize();
        int out = k * model.outputSize();
        for (int c = 0; c < copies; c++) {
            System.arraycopy(input, c * in, viewIn, 0, in);
            views[c].step(viewIn, viewOut);
            System.arraycopy(viewOut, 0, output, c * out, out);
        }
    }

    private void ensureViews() {
        if (views.length >= copies) {
            return;
        }
        int old = views.length;
        views = Arrays.copyOf(views, copies);
        viewThetas = Arrays.copyOf(viewThetas, copies);
        for (int c = old; c < copies; c++) {
            views[c] = new ModelNetwork(model);
            viewThetas[c] = new double[parameterCount];
        }
    }

    private static double[] grow(double[] a, int n) {
        return a.length >= n ? a : new double[n];
    }
}
