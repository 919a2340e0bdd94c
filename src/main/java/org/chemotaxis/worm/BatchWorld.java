package org.chemotaxis.worm;

import org.chemotaxis.math.Tanh;

import java.util.List;
import org.chemotaxis.math.DeterministicMath;
import org.chemotaxis.math.Elementwise;
import org.chemotaxis.math.ElementwiseMath;
import org.chemotaxis.api.Network;

/**
 * {@link WormSimulator} and {@link NetworkController} in one loop, for many networks at once: the
 * same episodes (count worms) steered by every copy of a {@link Network} (its parameter vectors),
 * every array laid out by row (copy-major: row = copy * count + worm). What does not depend on
 * the controller is done once per worm and shared by the copies: the episode's start, its random
 * draws every step (two normals, two uniforms) and its sweep phase. The rest runs row by row in
 * tight loops over arrays, the network steps all rows in one call, and nothing is allocated once
 * the buffers are large enough.
 *
 * <p>Same world, same controller, same random numbers, same order of operations as the
 * reference pair, with one difference: exp (Gaussian fields, the pirouette logistic), ln (the
 * sensor and the normal draws), sin and cos (the heading) and the output's tanh are
 * {@link DeterministicMath} and {@link ElementwiseMath} instead of StrictMath, within 2 ulp of it. So a
 * score differs from the reference's only by rounding carried through the episode (tests bound
 * it), and every JVM gives the same bits. A copy's rows never read another copy's, so its score
 * does not depend on which copies share the run. Not thread-safe.
 */
final class BatchWorld {

    private static final double TWO_PI = 2 * Math.PI;

    private final List<ConcentrationField> fields;
    private final WorldConfig world;
    /** The wall of a disk arena (unused in an open one). */
    private final WallBounce bounce;
    private final NetworkSpec spec;
    private final NetworkSpec.Input[] inputs;
    private final ElementwiseMath math;
    private final int I;
    private final int O;

    private int wormCapacity;
    private int rowCapacity;
    private int count;
    private int copies;
    private int steps;

    // Per worm, shared by the copies.
    private EpisodeRandom[] rng = new EpisodeRandom[0];
    private double[] sensorNormal;
    private double[] headingNormal;
    private double[] turnUniform;
    private double[] headingUniform;
    private double[] eta;
    private double[] r0;
    private double[] peakX;
    private double[] peakY;
    private double[] twoLambdaSq;
    private ConcentrationField[] field;
    private double[] sinPhi0;
    private double[] cosPhi0;
    private double[] sinPhase;
    private double[] cosPhase;
    private EpisodeStart[] starts;

    // Per row.
    private double[] x;
    private double[] y;
    private double[] mu;
    private double[] sumR;
    private double[] filteredC;
    private double[] filteredLog;
    private double[] lastLog;
    private double[] adaptMeanSquare;
    private double[] heldTurn;
    private double[] heldRate;
    private double[] input;
    private double[] output;
    private double[] scratch;
    private double[] logC;
    private double[] derivative;
    private double[] sinM;
    private double[] cosM;

    BatchWorld(NetworkSpec spec, List<ConcentrationField> fields, WorldConfig world) {
        this(spec, fields, world, Elementwise.preferred());
    }

    /** With the given implementation of the functions (all give the same bits). */
    BatchWorld(NetworkSpec spec, List<ConcentrationField> fields, WorldConfig world, ElementwiseMath math) {
        this.math = math;
        this.fields = List.copyOf(fields);
        this.world = world;
        this.bounce = new WallBounce(world.arena());
        this.spec = spec;
        this.inputs = spec.inputs().toArray(new NetworkSpec.Input[0]);
        this.I = spec.inputSize();
        this.O = spec.outputSize();
    }

    /**
     * Runs episodes firstIndex .. firstIndex + count - 1 of (seed, step) once for each copy of
     * {@code net}.
     */
    void run(Network net, long seed, long step, long firstIndex, int count) {
        if (net.inputSize() != I || net.outputSize() != O) {
            throw new IllegalArgumentException("the network has " + net.inputSize() + " inputs and "
                    + net.outputSize() + " outputs, but the worm's sensors give " + I + " and its motor reads " + O);
        }
        int copies = net.copies();
        if (count < 1) {
            throw new IllegalArgumentException("need at least one episode");
        }
        ensureCapacity(count, copies);
        this.count = count;
        this.copies = copies;
        final int rows = copies * count;
        final double dt = world.dt();
        final int n = world.steps();
        steps = n;
        startEpisodes(seed, step, firstIndex, count, rows);
        net.reset(rows);
        final int k = spec.stepsPerControl(dt);
        final double lowPass = spec.sensorTau() > 0 ? 1 - StrictMath.exp(-dt / spec.sensorTau()) : 0;
        final double adaptRate = spec.adaptTau() > 0 ? 1 - StrictMath.exp(-spec.controlDt() / spec.adaptTau()) : 0;
        final double sweepRate = TWO_PI / world.sweepPeriod();
        int summed = 0;
        int controlStep = 0;
        for (int s = 0; s < n; s++) {
            final double t = s * dt;
            drawNoise(count, StrictMath.sin(sweepRate * t), StrictMath.cos(sweepRate * t));
            sense(rows, count, s == 0, lowPass);
            summed = lowPass > 0 ? 1 : summed + 1;
            if (s % k == 0) {
                networkInputs(rows, count, controlStep == 0, 1.0 / summed, lowPass, adaptRate);
                summed = 0;
                networkStep(net, rows);
                controlStep++;
            }
            move(rows, count, (s + 1) * dt);
        }
    }

    private void startEpisodes(long seed, long step, long firstIndex, int count, int rows) {
        for (int w = 0; w < count; w++) {
            EpisodeStart e = EpisodeStart.of(fields, world, seed, step, firstIndex + w, rng[w]);
            starts[w] = e;
            field[w] = e.field();
            peakX[w] = e.field().peakX();
            peakY[w] = e.field().peakY();
            // Gaussian fields are computed here (fast exp); any other field is asked.
            twoLambdaSq[w] = e.field() instanceof GaussianField g ? 2 * g.lambda() * g.lambda() : Double.NaN;
            eta[w] = e.eta();
            r0[w] = e.r0();
            sinPhi0[w] = e.sinPhi0();
            cosPhi0[w] = e.cosPhi0();
        }
        for (int r = 0; r < rows; r++) {
            EpisodeStart e = starts[r % count];
            x[r] = e.x();
            y[r] = e.y();
            mu[r] = e.heading();
            sumR[r] = 0;
            filteredC[r] = 0;
            filteredLog[r] = 0;
            adaptMeanSquare[r] = 1.0;
            heldTurn[r] = 0;
            heldRate[r] = 0;
        }
    }

    /** The step's draws of every worm, in the reference order: sensor normal, heading normal, two uniforms. */
    private void drawNoise(int count, double sinWt, double cosWt) {
        for (int w = 0; w < count; w++) {
            EpisodeRandom r = rng[w];
            double u;
            double v;
            double s;
            do {
                u = 2 * r.nextDouble() - 1;
                v = 2 * r.nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double m = Math.sqrt(-2 * DeterministicMath.log(s) / s);
            sensorNormal[w] = u * m;
            headingNormal[w] = v * m;
            turnUniform[w] = r.nextDouble();
            headingUniform[w] = r.nextDouble();
            sinPhase[w] = sinPhi0[w] * cosWt + cosPhi0[w] * sinWt;
            cosPhase[w] = cosPhi0[w] * cosWt - sinPhi0[w] * sinWt;
        }
    }

    /** The concentration at every row's head, through the sensor's filter (or sum). */
    private void sense(int rows, int count, boolean first, double lowPass) {
        final double[] c = scratch;
        for (int r = 0, w = 0; r < rows; r++, w = w + 1 == count ? 0 : w + 1) {
            double dx = x[r] - peakX[w];
            double dy = y[r] - peakY[w];
            c[r] = -(dx * dx + dy * dy) / twoLambdaSq[w];
        }
        math.exp(c, rows);
        for (int r = 0, w = 0; r < rows; r++, w = w + 1 == count ? 0 : w + 1) {
            double v = c[r];
            // Gaussian fields are computed above (fast exp); any other field is asked.
            v = twoLambdaSq[w] == twoLambdaSq[w] ? (v > ConcentrationField.FLOOR ? v : ConcentrationField.FLOOR)
                    : field[w].at(x[r], y[r]);
            if (eta[w] > 0) {
                v *= 1 + eta[w] * sensorNormal[w];
                v = v > ConcentrationField.FLOOR ? v : ConcentrationField.FLOOR;
            }
            c[r] = v;
            logC[r] = v;
        }
        math.log(logC, rows);
        if (lowPass > 0 && first) {
            System.arraycopy(c, 0, filteredC, 0, rows);
            System.arraycopy(logC, 0, filteredLog, 0, rows);
        } else if (lowPass > 0) {
            for (int r = 0; r < rows; r++) {
                filteredC[r] += lowPass * (c[r] - filteredC[r]);
                filteredLog[r] += lowPass * (logC[r] - filteredLog[r]);
            }
        } else {
            for (int r = 0; r < rows; r++) {
                filteredC[r] += c[r];
                filteredLog[r] += logC[r];
            }
        }
    }

    private void networkInputs(int rows, int count, boolean first, double inv, double lowPass, double adaptRate) {
        final double rateScale = spec.derivativeScale() / spec.controlDt();
        final double[] c = scratch;
        for (int r = 0; r < rows; r++) {
            final double l = filteredLog[r] * inv;
            c[r] = filteredC[r] * inv;
            derivative[r] = first ? 0 : rateScale * (l - lastLog[r]);
            lastLog[r] = l;
        }
        if (adaptRate > 0) {
            // The adapting sensor divides by the root of the running mean square (NetworkController).
            for (int r = 0; r < rows; r++) {
                final double d = derivative[r];
                final double m = adaptMeanSquare[r] + adaptRate * (d * d - adaptMeanSquare[r]);
                adaptMeanSquare[r] = m;
                derivative[r] = d / Math.sqrt(m + NetworkSpec.ADAPT_FLOOR * NetworkSpec.ADAPT_FLOOR);
            }
        }
        if (lowPass == 0) {
            java.util.Arrays.fill(filteredLog, 0, rows, 0.0);
            java.util.Arrays.fill(filteredC, 0, rows, 0.0);
        }
        for (int j = 0; j < I; j++) {
            switch (inputs[j]) {
                case CONCENTRATION -> column(c, j, rows, false, count);
                case LOG_CONCENTRATION -> column(lastLog, j, rows, false, count);
                case LOG_DERIVATIVE -> column(derivative, j, rows, false, count);
                case SIN_PHASE -> column(sinPhase, j, rows, true, count);
                default -> column(cosPhase, j, rows, true, count);
            }
        }
    }

    /** Input column j from a per-row array, or from a per-worm one that every copy shares. */
    private void column(double[] values, int j, int rows, boolean perWorm, int count) {
        if (perWorm) {
            for (int r = 0, w = 0; r < rows; r++, w = w + 1 == count ? 0 : w + 1) {
                input[r * I + j] = values[w];
            }
        } else {
            for (int r = 0; r < rows; r++) {
                input[r * I + j] = values[r];
            }
        }
    }

    private void networkStep(Network net, int rows) {
        net.step(input, output);
        final double maxTurn = spec.maxTurnRate();
        final double maxRate = spec.maxPirouetteRate();
        final boolean pir = spec.pirouetteOutput();
        for (int r = 0; r < rows; r++) {
            heldTurn[r] = output[r * O];
            heldRate[r] = pir ? -output[r * O + 1] : 0;
        }
        math.tanh(heldTurn, rows);
        for (int r = 0; r < rows; r++) {
            heldTurn[r] = maxTurn * heldTurn[r];
        }
        if (pir) {
            math.exp(heldRate, rows);
            for (int r = 0; r < rows; r++) {
                heldRate[r] = maxRate / (1 + heldRate[r]);
            }
        }
    }

    private void move(int rows, int count, double tNext) {
        final double dt = world.dt();
        final double v = world.speed();
        final double amp = world.sweepAmplitude();
        final double maxTurn = world.maxTurnRate();
        final double xiSd = world.headingNoise();
        final double[] m = scratch;
        for (int r = 0, w = 0; r < rows; r++, w = w + 1 == count ? 0 : w + 1) {
            double omega = heldTurn[r];
            omega = omega > maxTurn ? maxTurn : (omega < -maxTurn ? -maxTurn : omega);
            double xi = xiSd * headingNormal[w];
            double h = mu[r] + dt * (amp * sinPhase[w] + omega + xi);
            m[r] = turnUniform[w] < heldRate[r] * dt ? TWO_PI * headingUniform[w] : h;
        }
        math.sinCos(m, sinM, cosM, rows);
        final Arena arena = world.arena();
        final boolean walled = !arena.isOpen();
        for (int r = 0, w = 0; r < rows; r++, w = w + 1 == count ? 0 : w + 1) {
            double heading = m[r];
            double xn = x[r] + dt * v * cosM[r];
            double yn = y[r] + dt * v * sinM[r];
            if (walled) {
                bounce.step(xn, yn, cosM[r], sinM[r], heading);
                xn = bounce.x;
                yn = bounce.y;
                heading = bounce.heading;
            }
            mu[r] = heading - TWO_PI * Math.floor(heading / TWO_PI);
            x[r] = xn;
            y[r] = yn;
            double ex = xn - peakX[w];
            double ey = yn - peakY[w];
            sumR[r] += Math.sqrt(ex * ex + ey * ey);
        }
    }

    /** 1 - mean r / r0 of worm w under copy c in the last run (F before clipping at 0). */
    double rawScore(int copy, int worm) {
        return 1 - sumR[row(copy, worm)] / steps / r0[worm];
    }

    double x(int copy, int worm) {
        return x[row(copy, worm)];
    }

    double y(int copy, int worm) {
        return y[row(copy, worm)];
    }

    private int row(int copy, int worm) {
        if (copy < 0 || copy >= copies || worm < 0 || worm >= count) {
            throw new IndexOutOfBoundsException("copy " + copy + ", worm " + worm + " outside the last run");
        }
        return copy * count + worm;
    }

    private void ensureCapacity(int worms, int copies) {
        if (worms > wormCapacity) {
            rng = new EpisodeRandom[worms];
            for (int w = 0; w < worms; w++) {
                rng[w] = new EpisodeRandom();
            }
            sensorNormal = new double[worms];
            headingNormal = new double[worms];
            turnUniform = new double[worms];
            headingUniform = new double[worms];
            eta = new double[worms];
            r0 = new double[worms];
            peakX = new double[worms];
            peakY = new double[worms];
            twoLambdaSq = new double[worms];
            field = new ConcentrationField[worms];
            sinPhi0 = new double[worms];
            cosPhi0 = new double[worms];
            sinPhase = new double[worms];
            cosPhase = new double[worms];
            starts = new EpisodeStart[worms];
            wormCapacity = worms;
        }
        int rows = worms * copies;
        if (rows > rowCapacity) {
            x = new double[rows];
            y = new double[rows];
            mu = new double[rows];
            sumR = new double[rows];
            filteredC = new double[rows];
            filteredLog = new double[rows];
            lastLog = new double[rows];
            adaptMeanSquare = new double[rows];
            heldTurn = new double[rows];
            heldRate = new double[rows];
            input = new double[rows * I];
            output = new double[rows * O];
            scratch = new double[rows];
            logC = new double[rows];
            derivative = new double[rows];
            sinM = new double[rows];
            cosM = new double[rows];
            rowCapacity = rows;
        }
    }
}
