package org.chemotaxis.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TaskSizingTest {

    @Test
    void aConfiguredSizeWins() {
        assertEquals(7, TaskSizing.taskSize(7, 1_000_000, 3));
        assertEquals(50_000, TaskSizing.taskSize(50_000, 10, 1));
    }

    @Test
    void automaticGivesAboutFourTasksPerWorker() {
        // ceil(100 / 8) = 13: 8 tasks, the last one of 9 indices
        assertEquals(13, TaskSizing.taskSize(0, 100, 2));
        assertEquals(8, TaskPartition.split(100, 13).size());
        assertEquals(25, TaskSizing.taskSize(0, 100, 1));
        assertEquals(25, TaskSizing.taskSize(-1, 100, 0), "no worker yet counts as one");
    }

    @Test
    void automaticIsAtLeastOneAndAtMostTheCap() {
        assertEquals(1, TaskSizing.taskSize(0, 3, 4));
        assertEquals(1, TaskSizing.taskSize(0, 0, 1));
        assertEquals(4096, TaskSizing.taskSize(0, 1_000_000, 1));
        assertEquals(4096, TaskSizing.taskSize(0, Integer.MAX_VALUE, 1), "no overflow");
        assertEquals(4095, TaskSizing.taskSize(0, 4095 * 8, 2));
    }
}
