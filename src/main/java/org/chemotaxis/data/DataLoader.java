package org.chemotaxis.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.util.RandomStreams;
import org.chemotaxis.util.RandomStreams.Purpose;

/**
 * Which sequences go into which batch, as a pure function of (seed, epoch, batch number), so
 * that any machine can recompute the batch of any step and a resumed run sees the same batches.
 *
 * <p>Split: the indices 0..size-1 are permuted by Fisher-Yates with
 * {@code RandomStreams.stream(seed, SPLIT, 0, 0)}; the last round(size * validationFraction) of
 * the permutation are the validation set, the rest the training set (both kept sorted). Each part
 * must get at least one sequence.
 *
 * <p>Epochs: epoch e visits the training indices in the order of a Fisher-Yates shuffle with
 * {@code stream(seed, SHUFFLE, e, 0)}, cut into consecutive batches of {@code batchSize}. Like
 * PyTorch's {@code drop_last=True}, the incomplete last batch is dropped: an epoch has
 * floor(trainSize / batchSize) steps (or fewer, if asked), so every step sees a full batch, and
 * the dropped sequences differ from epoch to epoch.
 *
 * <p>Immutable and thread-safe.
 */
public final class DataLoader {

    private final long seed;
    private final int batchSize;
    private final int stepsPerEpoch;
    private final int[] train;
    private final int[] validation;
    /** The last epoch's order, reused by consecutive calls of {@link #batch}; racy but benign: both fields are final. */
    private volatile EpochOrder last;

    private record EpochOrder(long epoch, int[] order) {
    }

    /** A loader with as many steps per epoch as full batches fit in the training set. */
    public DataLoader(int size, double validationFraction, int batchSize, long seed) {
        this(size, validationFraction, batchSize, 0, seed);
    }

    /**
     * @param size               number of sequences in the dataset
     * @param validationFraction share held out for validation, in (0, 1)
     * @param batchSize          sequences per batch, between 1 and the training set size
     * @param stepsPerEpoch      batches per epoch; 0 = floor(trainSize / batchSize); more is an error
     * @param seed               the experiment seed
     */
    public DataLoader(int size, double validationFraction, int batchSize, int stepsPerEpoch, long seed) {
        if (size < 2) {
            throw new BadInputException("the dataset has " + size + " sequence(s); at least 2 are needed to hold one "
                    + "out for validation");
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new BadInputException("data.validation_fraction must be > 0 and < 1, but was " + validationFraction);
        }
        int nValidation = (int) Math.round(size * validationFraction);
        if (nValidation < 1 || nValidation > size - 1) {
            throw new BadInputException("data.validation_fraction " + validationFraction + " of " + size
                    + " sequences leaves " + (nValidation < 1 ? "no validation" : "no training") + " sequence");
        }
        int nTrain = size - nValidation;
        if (batchSize < 1) {
            throw new BadInputException("training.batch must be > 0, but was " + batchSize);
        }
        if (batchSize > nTrain) {
            throw new BadInputException("training.batch " + batchSize + " is larger than the " + nTrain
                    + " training sequences (" + size + " sequences, " + nValidation + " for validation)");
        }
        int full = nTrain / batchSize;
        if (stepsPerEpoch < 0 || stepsPerEpoch > full) {
            throw new BadInputException("training.steps_per_epoch must be between 0 and " + full + " (full batches of "
                    + batchSize + " in " + nTrain + " training sequences), but was " + stepsPerEpoch);
        }
        int[] perm = identity(size);
        shuffle(perm, RandomStreams.stream(seed, Purpose.SPLIT, 0, 0));
        this.train = Arrays.copyOfRange(perm, 0, nTrain);
        this.validation = Arrays.copyOfRange(perm, nTrain, size);
        Arrays.sort(train);
        Arrays.sort(validation);
        this.seed = seed;
        this.batchSize = batchSize;
        this.stepsPerEpoch = stepsPerEpoch == 0 ? full : stepsPerEpoch;
    }

    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Training indices, sorted. A fresh copy. */
    public int[] trainIndices() {
        return train.clone();
    }

    /** Validation indices, sorted. A fresh copy. */
    public int[] validationIndices() {
        return validation.clone();
    }

    /** The order in which epoch {@code epoch} visits the training indices. A fresh copy. */
    public int[] epochOrder(long epoch) {
        return order(epoch).clone();
    }

    /**
     * The dataset indices of batch {@code i} (0 <= i < stepsPerEpoch) of epoch {@code epoch}
     * (>= 0). A pure function of (seed, split, epoch, i). A fresh array.
     */
    public int[] batch(long epoch, int i) {
        if (epoch < 0 || i < 0 || i >= stepsPerEpoch) {
            throw new IndexOutOfBoundsException("batch " + i + " of epoch " + epoch + "; an epoch has "
                    + stepsPerEpoch + " batches");
        }
        return Arrays.copyOfRange(order(epoch), i * batchSize, (i + 1) * batchSize);
    }

    private int[] order(long epoch) {
        EpochOrder cached = last;
        if (cached != null && cached.epoch == epoch) {
            return cached.order;
        }
        int[] order = train.clone();
        shuffle(order, RandomStreams.stream(seed, Purpose.SHUFFLE, epoch, 0));
        last = new EpochOrder(epoch, order);
        return order;
    }

    /** A cursor at the first batch of epoch 0. */
    public Cursor cursor() {
        return new Cursor(new Position(0, 0));
    }

    /** A cursor at an exported position, e.g. from a checkpoint. */
    public Cursor cursor(Position at) {
        if (at.epoch() < 0 || at.batchInEpoch() < 0 || at.batchInEpoch() >= stepsPerEpoch) {
            throw new BadInputException("data cursor " + at + " does not fit this data loader (" + stepsPerEpoch
                    + " batches per epoch)");
        }
        return new Cursor(at);
    }

    /** Where a cursor stands: the next batch it will hand out. Exact; goes into checkpoints. */
    public record Position(long epoch, int batchInEpoch) {
    }

    /** Walks the batches in order, epoch after epoch. Mutable; one per training run. */
    public final class Cursor {
        private long epoch;
        private int batchInEpoch;

        private Cursor(Position at) {
            this.epoch = at.epoch();
            this.batchInEpoch = at.batchInEpoch();
        }

        /** Epoch of the next batch. */
        public long epoch() {
            return epoch;
        }

        /** Index within its epoch of the next batch. */
        public int batchInEpoch() {
            return batchInEpoch;
        }

        /** Steps taken since epoch 0, batch 0. */
        public long step() {
            return epoch * stepsPerEpoch + batchInEpoch;
        }

        /** The next batch; then moves on, to the next epoch after its last batch. */
        public int[] next() {
            int[] b = batch(epoch, batchInEpoch);
            if (++batchInEpoch == stepsPerEpoch) {
                batchInEpoch = 0;
                epoch++;
            }
            return b;
        }

        public Position export() {
            return new Position(epoch, batchInEpoch);
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Fisher-Yates (Durstenfeld's form): every permutation equally likely. Modifies {@code a}. */
    static void shuffle(int[] a, SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
