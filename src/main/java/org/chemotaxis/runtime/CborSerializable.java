package org.chemotaxis.runtime;

/**
 * Marker of every message that may cross a JVM. application.conf binds it to jackson-cbor;
 * Java serialization stays off.
 */
public interface CborSerializable {
}
