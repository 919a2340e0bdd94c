package org.chemotaxis.report.tensorboard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The TFRecord framing of TensorBoard event files: each record is its length (uint64, little
 * endian), the masked CRC-32C of those 8 bytes (uint32), the data, and the masked CRC-32C of the
 * data. The mask (rotate right by 15, add a constant) keeps a CRC of data that itself holds CRCs
 * from being trivially zero.
 */
public final class TfRecords {

    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecords() {
    }

    /** The framed record of {@code data}, ready to append to a file. */
    public static byte[] frame(byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(data.length);
        b.putInt(maskedCrc(b.array(), 0, 8));
        b.put(data);
        b.putInt(maskedCrc(data, 0, data.length));
        return b.array();
    }

    /** CRC-32C (Castagnoli) of {@code length} bytes from {@code offset}, masked as TFRecord stores it. */
    public static int maskedCrc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }
}
