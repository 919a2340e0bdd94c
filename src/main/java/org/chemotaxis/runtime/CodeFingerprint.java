package org.chemotaxis.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The SHA-256 of this build's own code: every class file under {@code org/chemotaxis/} of the jar
 * (or class folder) this class was loaded from, by name, in name order. Two builds with a
 * different kernel, model or estimator differ here, and their numbers could differ in the last
 * bits, so a worker takes part in a run only if its fingerprint is the trainer's. Libraries and
 * the JVM are left out: the project's results do not depend on them (the same bits on JDK 17 and
 * 25), while its own code is what changes between builds.
 */
public final class CodeFingerprint {

    private static final String PREFIX = "org/chemotaxis/";
    private static volatile String current;

    private CodeFingerprint() {
    }

    /** This JVM's fingerprint, computed once (a few milliseconds). */
    public static String current() {
        String c = current;
        if (c == null) {
            c = of(location());
            current = c;
        }
        return c;
    }

    /** The first 12 hex digits, as logs show a fingerprint. */
    public static String shortForm(String sha256) {
        return sha256 == null ? "none" : sha256.substring(0, Math.min(12, sha256.length()));
    }

    /** The fingerprint of the class files under org/chemotaxis/ in a jar or class folder. */
    static String of(Path codeSource) {
        TreeMap<String, byte[]> classes = new TreeMap<>();
        try {
            if (Files.isDirectory(codeSource)) {
                Path root = codeSource.resolve(PREFIX);
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root)) {
                        for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                            String name = PREFIX + root.relativize(f).toString().replace('\\', '/');
                            classes.put(name, Files.readAllBytes(f));
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(codeSource.toFile())) {
                    for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
                        if (e.getName().startsWith(PREFIX) && e.getName().endsWith(".class")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                classes.put(e.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the code of this build at " + codeSource, e);
        }
        MessageDigest sha = sha256();
        for (var e : classes.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(8).putInt(name.length).putInt(e.getValue().length).array());
            sha.update(name);
            sha.update(e.getValue());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** SHA-256 of several strings, each length-prefixed. */
    static String sha256(List<String> parts) {
        MessageDigest sha = sha256();
        for (String p : parts) {
            byte[] b = (p == null ? "" : p).getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
            sha.update(b);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Path location() {
        CodeSource source = CodeFingerprint.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("the location of this build's code is unknown");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the location of this build's code is not a path: " + source.getLocation(), e);
        }
    }
}
