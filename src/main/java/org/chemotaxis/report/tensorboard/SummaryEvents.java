package org.chemotaxis.report.tensorboard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The protobuf encoding of the two kinds of TensorBoard {@code Event} that a scalar log needs,
 * written by hand: a file starts with an event holding {@code file_version}, then one event per
 * step whose {@code summary} holds one {@code simple_value} per tag. Field numbers are those of
 * tensorboard/compat/proto/event.proto and summary.proto.
 */
public final class SummaryEvents {

    /** The version string TensorBoard expects in a file's first event. */
    public static final String FILE_VERSION = "brain.Event:2";

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LENGTH = 2;
    private static final int WIRE_FIXED32 = 5;

    // Event
    private static final int EVENT_WALL_TIME = 1;
    private static final int EVENT_STEP = 2;
    private static final int EVENT_FILE_VERSION = 3;
    private static final int EVENT_SUMMARY = 5;
    // Summary and Summary.Value
    private static final int SUMMARY_VALUE = 1;
    private static final int VALUE_TAG = 1;
    private static final int VALUE_SIMPLE_VALUE = 2;

    private SummaryEvents() {
    }

    /** The first event of every file. */
    public static byte[] fileVersion(double wallTime) {
        Proto e = new Proto();
        e.fixed64(EVENT_WALL_TIME, Double.doubleToRawLongBits(wallTime));
        e.bytes(EVENT_FILE_VERSION, FILE_VERSION.getBytes(StandardCharsets.UTF_8));
        return e.toByteArray();
    }

    /** One event with a float scalar per tag, in the map's order. */
    public static byte[] scalars(long step, double wallTime, Map<String, Double> values) {
        Proto summary = new Proto();
        for (Map.Entry<String, Double> v : values.entrySet()) {
            Proto value = new Proto();
            value.bytes(VALUE_TAG, v.getKey().getBytes(StandardCharsets.UTF_8));
            value.fixed32(VALUE_SIMPLE_VALUE, Float.floatToRawIntBits(v.getValue().floatValue()));
            summary.bytes(SUMMARY_VALUE, value.toByteArray());
        }
        Proto e = new Proto();
        e.fixed64(EVENT_WALL_TIME, Double.doubleToRawLongBits(wallTime));
        e.varint(EVENT_STEP, step);
        e.bytes(EVENT_SUMMARY, summary.toByteArray());
        return e.toByteArray();
    }

    /** The few protobuf wire-format writes the two messages need. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long value) {
            key(field, WIRE_VARINT);
            rawVarint(value);
        }

        void fixed64(int field, long bits) {
            key(field, WIRE_FIXED64);
            for (int i = 0; i < 8; i++) {
                out.write((int) (bits >>> (8 * i)));
            }
        }

        void fixed32(int field, int bits) {
            key(field, WIRE_FIXED32);
            for (int i = 0; i < 4; i++) {
                out.write(bits >>> (8 * i));
            }
        }

        void bytes(int field, byte[] b) {
            key(field, WIRE_LENGTH);
            rawVarint(b.length);
            out.writeBytes(b);
        }

        private void key(int field, int wireType) {
            rawVarint(((long) field << 3) | wireType);
        }

        private void rawVarint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
