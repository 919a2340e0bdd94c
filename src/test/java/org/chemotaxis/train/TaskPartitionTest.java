package org.chemotaxis.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskPartitionTest {

    @Test
    void partitionCoversEveryIndexOnceInOrder() {
        List<TaskRange> tasks = TaskPartition.split(10, 4);
        assertEquals(List.of(new TaskRange(0, 0, 4), new TaskRange(1, 4, 8), new TaskRange(2, 8, 10)), tasks);
        assertTrue(TaskPartition.split(0, 4).isEmpty());
        assertEquals(List.of(new TaskRange(0, 0, 2)), TaskPartition.split(2, Integer.MAX_VALUE));
        assertEquals(List.of(new TaskRange(0, 0, 7), new TaskRange(1, 7, 9)), TaskPartition.split(9, 7));
        assertThrows(IllegalArgumentException.class, () -> TaskPartition.split(10, 0));
    }
}
