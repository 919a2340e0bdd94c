package org.chemotaxis.problem;

import java.util.SplittableRandom;
import org.chemotaxis.api.SampleKey;
import org.chemotaxis.task.Sample;
import org.chemotaxis.util.RandomStreams;
import org.chemotaxis.util.RandomStreams.Purpose;

/**
 * The random sources of a sample's items: item i of a sample is keyed (sample seed, EPISODE, 0,
 * first + i), where a training sample ({@link Sample#ofSeed}) starts at item 0 and a validation
 * sample names its items. Every perturbation measured on one sample meets the same items.
 */
final class EpisodeKeys implements SampleKey {

    private final long id;
    private final int first;
    private final int size;
    private final boolean validation;

    EpisodeKeys(Sample sample, int trainingSize) {
        this.id = sample.seed();
        this.validation = sample.size() > 0;
        this.first = validation ? sample.index(0) : 0;
        this.size = validation ? sample.size() : trainingSize;
        for (int i = 1; i < sample.size(); i++) {
            if (sample.index(i) != first + i) {
                throw new IllegalArgumentException("a problem sample's items must be consecutive, but "
                        + sample.index(i - 1) + " is followed by " + sample.index(i));
            }
        }
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public boolean validation() {
        return validation;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long item(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("item " + index + " of a sample of " + size);
        }
        return first + index;
    }

    @Override
    public SplittableRandom random(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("item " + index + " of a sample of " + size);
        }
        return RandomStreams.stream(id, Purpose.EPISODE, 0, first + index);
    }
}
