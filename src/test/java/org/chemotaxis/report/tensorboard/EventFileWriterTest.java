package org.chemotaxis.report.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event-file writer, read back by protobuf-java from TensorBoard's own schema. */
class EventFileWriterTest {

    @TempDir
    Path tmp;

    @Test
    void crc32cIsTheCastagnoliCrcOfTheStandardCheckString() {
        // CRC-32C("123456789") = 0xE3069283 (RFC 3720, B.4); masked by hand below.
        long crc = 0xE3069283L;
        int masked = (int) (((((crc >> 15) | (crc << 17)) & 0xFFFFFFFFL) + 0xa282ead8L) & 0xFFFFFFFFL);
        assertEquals(masked, TfRecords.maskedCrc("123456789".getBytes(), 0, 9));
        assertEquals(masked, TensorBoardReader.masked("123456789".getBytes()));
    }

    @Test
    void scalarsRoundTripThroughTheEventProto() throws Exception {
        Path file;
        Map<String, Double> first = new LinkedHashMap<>();
        first.put("loss/train", 0.125);
        first.put("metric/r2", -3.5e-7);
        Map<String, Double> second = new LinkedHashMap<>();
        second.put("loss/train", 1.0 / 3);
        second.put("workers", 4.0);
        try (EventFileWriter w = EventFileWriter.create(tmp.resolve("tb"), "test")) {
            w.scalars(0, 1700000000.25, first);
            w.scalars(300, 1700000001.5, second);
            file = w.file();
        }
        assertTrue(file.getFileName().toString().startsWith("events.out.tfevents."), file.toString());
        List<TensorBoardReader.Event> events = TensorBoardReader.compile(tmp).events(file);
        assertEquals(3, events.size());
        assertEquals("brain.Event:2", events.get(0).fileVersion());
        assertTrue(events.get(0).scalars().isEmpty());
        assertNull(events.get(1).fileVersion());
        assertEquals(0, events.get(1).step());
        assertEquals(1700000000.25, events.get(1).wallTime());
        assertEquals(Map.of("loss/train", 0.125f, "metric/r2", -3.5e-7f), events.get(1).scalars());
        assertEquals(300, events.get(2).step());
        assertEquals(Map.of("loss/train", (float) (1.0 / 3), "workers", 4.0f), events.get(2).scalars());
    }

    @Test
    void aFlippedByteFailsTheCrc() throws Exception {
        Path file;
        try (EventFileWriter w = EventFileWriter.create(tmp, "flip")) {
            w.scalars(1, 2.0, Map.of("x", 1.0));
            file = w.file();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 1;
        Files.write(file, bytes);
        AssertionError e = assertThrows(AssertionError.class, () -> TensorBoardReader.records(file));
        assertTrue(e.getMessage().contains("bad data CRC in record 1"), e.getMessage());
    }

    @Test
    void aSecondWriterInTheSameSecondGetsItsOwnFile() throws Exception {
        try (EventFileWriter a = EventFileWriter.create(tmp, "same"); EventFileWriter b = EventFileWriter.create(tmp, "same")) {
            assertTrue(!a.file().equals(b.file()));
        }
    }
}
