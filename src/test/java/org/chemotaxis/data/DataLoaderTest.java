package org.chemotaxis.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.util.RandomStreams;
import org.chemotaxis.util.RandomStreams.Purpose;
import org.junit.jupiter.api.Test;

class DataLoaderTest {

    @Test
    void splitIsDisjointCoveringAndSizedByTheFraction() {
        DataLoader l = new DataLoader(10, 0.25, 2, 3);
        int[] train = l.trainIndices();
        int[] val = l.validationIndices();
        // round(10 * 0.25) = round(2.5) = 3
        assertEquals(3, val.length);
        assertEquals(7, train.length);
        Set<Integer> all = new HashSet<>();
        IntStream.of(train).forEach(all::add);
        IntStream.of(val).forEach(i -> assertTrue(all.add(i), "index " + i + " in both parts"));
        assertEquals(10, all.size());
        assertTrue(all.stream().allMatch(i -> i >= 0 && i < 10));
        assertEquals(3, l.stepsPerEpoch());
    }

    @Test
    void splitDependsOnTheSeedOnly() {
        assertArrayEquals(new DataLoader(100, 0.2, 5, 8).validationIndices(),
                new DataLoader(100, 0.2, 7, 8).validationIndices());
        assertFalse(Arrays.equals(new DataLoader(100, 0.2, 5, 8).validationIndices(),
                new DataLoader(100, 0.2, 5, 9).validationIndices()));
        // The validation set is not simply the last indices.
        assertFalse(Arrays.equals(IntStream.range(80, 100).toArray(), new DataLoader(100, 0.2, 5, 8).validationIndices()));
    }

    @Test
    void sameSeedSameBatches() {
        DataLoader a = new DataLoader(50, 0.2, 4, 17);
        DataLoader b = new DataLoader(50, 0.2, 4, 17);
        for (long e = 0; e < 3; e++) {
            for (int i = 0; i < a.stepsPerEpoch(); i++) {
                assertArrayEquals(a.batch(e, i), b.batch(e, i));
            }
        }
    }

    @Test
    void eachEpochIsAPermutationOfTheTrainingSetInADifferentOrder() {
        DataLoader l = new DataLoader(50, 0.2, 4, 17);
        int[] sortedTrain = l.trainIndices();
        int[] e0 = l.epochOrder(0);
        int[] e1 = l.epochOrder(1);
        assertFalse(Arrays.equals(e0, e1));
        assertArrayEquals(sortedTrain, sorted(e0));
        assertArrayEquals(sortedTrain, sorted(e1));
    }

    @Test
    void batchesOfAnEpochAreDisjointFullAndDropTheRemainder() {
        DataLoader l = new DataLoader(50, 0.2, 6, 5);
        // 40 training sequences, batches of 6: 6 full batches, 4 dropped.
        assertEquals(6, l.stepsPerEpoch());
        Set<Integer> train = new HashSet<>();
        IntStream.of(l.trainIndices()).forEach(train::add);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < l.stepsPerEpoch(); i++) {
            int[] b = l.batch(2, i);
            assertEquals(6, b.length);
            for (int k : b) {
                assertTrue(train.contains(k), "not a training index: " + k);
                assertTrue(seen.add(k), "seen twice: " + k);
            }
        }
        assertEquals(36, seen.size());
        assertThrows(IndexOutOfBoundsException.class, () -> l.batch(0, 6));
    }

    @Test
    void batchIsAPureFunctionOfEpochAndIndex() {
        DataLoader l = new DataLoader(40, 0.25, 3, 21);
        int[] first = l.batch(4, 2);
        l.batch(0, 0);
        l.batch(9, 1);
        int[] again = l.batch(4, 2);
        assertArrayEquals(first, again);
        again[0] = -1;
        assertArrayEquals(first, l.batch(4, 2));
        assertArrayEquals(first, new DataLoader(40, 0.25, 3, 21).batch(4, 2));
        assertArrayEquals(Arrays.copyOfRange(l.epochOrder(4), 6, 9), first);
    }

    @Test
    void epochOrderIsTheDocumentedFisherYatesShuffle() {
        long seed = 99;
        DataLoader l = new DataLoader(30, 0.3, 2, seed);
        int[] expected = l.trainIndices();
        SplittableRandom r = RandomStreams.stream(seed, Purpose.SHUFFLE, 5, 0);
        for (int i = expected.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = expected[i];
            expected[i] = expected[j];
            expected[j] = t;
        }
        assertArrayEquals(expected, l.epochOrder(5));
    }

    @Test
    void shuffleLeavesAnElementInPlaceAsOftenAsAUniformPermutation() {
        // A uniform permutation of n keeps position 0 with probability 1/n; Sattolo's variant
        // (a common off-by-one) never does.
        DataLoader l = new DataLoader(10, 0.3, 1, 2);
        int first = l.trainIndices()[0];
        int kept = 0;
        int epochs = 7000;
        for (long e = 0; e < epochs; e++) {
            if (l.epochOrder(e)[0] == first) {
                kept++;
            }
        }
        // n = 7: expect 1000, sd about 29.
        assertEquals(1000, kept, 150);
    }

    @Test
    void cursorWalksEpochsAndRestoresExactly() {
        DataLoader l = new DataLoader(30, 0.2, 5, 4);
        assertEquals(4, l.stepsPerEpoch());
        DataLoader.Cursor c = l.cursor();
        List<int[]> reference = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            reference.add(c.next());
        }
        assertEquals(2, c.epoch());
        assertEquals(2, c.batchInEpoch());
        assertEquals(10, c.step());
        assertArrayEquals(l.batch(1, 0), reference.get(4));

        DataLoader.Cursor walker = l.cursor();
        for (int k = 0; k < 6; k++) {
            walker.next();
        }
        DataLoader.Position saved = walker.export();
        assertEquals(new DataLoader.Position(1, 2), saved);
        DataLoader.Cursor resumed = new DataLoader(30, 0.2, 5, 4).cursor(saved);
        for (int k = 6; k < 10; k++) {
            assertArrayEquals(reference.get(k), resumed.next());
        }
        assertEquals(c.export(), resumed.export());
    }

    @Test
    void explicitStepsPerEpochUsesTheFirstBatches() {
        DataLoader l = new DataLoader(30, 0.2, 5, 2, 4);
        assertEquals(2, l.stepsPerEpoch());
        DataLoader.Cursor c = l.cursor();
        c.next();
        c.next();
        assertEquals(1, c.epoch());
        assertArrayEquals(new DataLoader(30, 0.2, 5, 4).batch(1, 0), c.next());
    }

    @Test
    void impossibleSplitsAndBatchesAreClearErrors() {
        assertTrue(assertThrows(BadInputException.class, () -> new DataLoader(10, 0.25, 8, 1)).getMessage()
                .contains("training.batch 8 is larger than the 7 training sequences"));
        assertTrue(assertThrows(BadInputException.class, () -> new DataLoader(10, 0.01, 2, 1)).getMessage()
                .contains("no validation sequence"));
        assertTrue(assertThrows(BadInputException.class, () -> new DataLoader(10, 0.99, 1, 1)).getMessage()
                .contains("no training sequence"));
        assertTrue(assertThrows(BadInputException.class, () -> new DataLoader(1, 0.5, 1, 1)).getMessage()
                .contains("at least 2"));
        assertTrue(assertThrows(BadInputException.class, () -> new DataLoader(10, 0.2, 2, 5, 1)).getMessage()
                .contains("training.steps_per_epoch must be between 0 and 4"));
        DataLoader l = new DataLoader(10, 0.2, 2, 1);
        assertThrows(BadInputException.class, () -> l.cursor(new DataLoader.Position(0, 4)));
    }

    private static int[] sorted(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        return s;
    }
}
