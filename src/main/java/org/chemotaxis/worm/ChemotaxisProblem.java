package org.chemotaxis.worm;

import java.util.List;
import org.chemotaxis.api.Network;
import org.chemotaxis.api.ObjectiveProblem;
import org.chemotaxis.api.SampleKey;
import org.chemotaxis.math.Elementwise;
import org.chemotaxis.math.ElementwiseMath;

/**
 * Chemotaxis as a problem of the public API: the network the project hands over steers the worms
 * of a sample ({@link BatchWorld}: the sensors and the motor of {@link NetworkSpec}), and the loss
 * is the mean over them of 1 - F (F clipped at 0 as in the score; with {@code clip} false the
 * unclipped 1 - mean r / r0, which still ranks worms that drift away from the peak).
 *
 * <p>Item n of a sample key is episode (key id, 0, n) of {@link WormSimulator}: every
 * perturbation scored on one key meets the same starts and the same noise (common random
 * numbers), and the next step's key brings fresh episodes. Several copies of the network are
 * scored in one run of the world ({@link #losses}), sharing each episode's start and draws.
 *
 * <p>Training may use a coarser, shorter world than evaluation (e.g. dt = 0.1 s, 200 s); the
 * network's controlDt must be a whole multiple of the world's dt. Immutable; each thread runs its
 * own world.
 */
public final class ChemotaxisProblem implements ObjectiveProblem {

    private final NetworkSpec network;
    private final List<ConcentrationField> fields;
    private final WorldConfig world;
    private final boolean clip;
    private final ThreadLocal<BatchWorld> worlds;
    private final ThreadLocal<double[]> single = ThreadLocal.withInitial(() -> new double[1]);

    /**
     * Training on one field, or on a family: each episode runs on one of {@code fields}, picked per
     * episode ({@link WormSimulator}); the first is the field of plots and evaluations.
     */
    public ChemotaxisProblem(NetworkSpec network, List<ConcentrationField> fields, WorldConfig world, boolean clip) {
        this(network, fields, world, clip, Elementwise.preferred());
    }

    /** With the given implementation of the world's functions (all give the same bits). */
    ChemotaxisProblem(NetworkSpec network, List<ConcentrationField> fields, WorldConfig world, boolean clip,
                      ElementwiseMath math) {
        if (network == null || fields == null || fields.isEmpty() || world == null) {
            throw new IllegalArgumentException("network, at least one field and world must be given");
        }
        // Fail here, when the job is built, with the checks every run would make later.
        network.stepsPerControl(world.dt());
        new WormSimulator(fields, world, 1);
        this.network = network;
        this.fields = List.copyOf(fields);
        this.world = world;
        this.clip = clip;
        this.worlds = ThreadLocal.withInitial(() -> new BatchWorld(network, this.fields, world, math));
    }

    public ChemotaxisProblem(NetworkSpec network, ConcentrationField field, WorldConfig world) {
        this(network, List.of(field), world, true);
    }

    public NetworkSpec network() {
        return network;
    }

    /** The first field: that of plots and evaluations. */
    public ConcentrationField field() {
        return fields.get(0);
    }

    /** The fields training episodes run on (one, or a family). */
    public List<ConcentrationField> fields() {
        return fields;
    }

    public WorldConfig world() {
        return world;
    }

    public boolean clip() {
        return clip;
    }

    @Override
    public int inputSize() {
        return network.inputSize();
    }

    @Override
    public int outputSize() {
        return network.outputSize();
    }

    @Override
    public double loss(Network net, SampleKey key) {
        double[] out = single.get();
        losses(net, key, out);
        return out[0];
    }

    @Override
    public void losses(Network net, SampleKey key, double[] out) {
        int count = key.size();
        BatchWorld w = worlds.get();
        w.run(net, key.id(), 0, key.item(0), count);
        for (int c = 0; c < net.copies(); c++) {
            double sum = 0;
            for (int i = 0; i < count; i++) {
                double raw = w.rawScore(c, i);
                // Math.max keeps a NaN (a diverged controller) visible, as WormSimulator.score does.
                sum += 1 - (clip ? Math.max(0, raw) : raw);
            }
            out[c] = sum / count;
        }
    }

    @Override
    public String metricName() {
        return clip ? "F" : "score";
    }

    /**
     * The loss is the mean of 1 - F over the episodes, so F = 1 - loss; with clip false the scores
     * are not clipped at 0 and 1 - loss is their mean ("score", a lower bound of F).
     */
    @Override
    public double metric(double loss) {
        return 1 - loss;
    }

    /** A controller of the reference world ({@link WormSimulator}) for {@code net}, wired as this problem's. */
    public NetworkController controller(Network net) {
        return new NetworkController(net, network);
    }
}
