package org.chemotaxis.report;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The identity of a parameter vector: SHA-256 of its values as little-endian IEEE-754 doubles. */
public final class ParameterHash {

    private ParameterHash() {
    }

    public static String sha256(double[] parameters) {
        ByteBuffer buf = ByteBuffer.allocate(parameters.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double p : parameters) {
            buf.putDouble(p);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buf.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
