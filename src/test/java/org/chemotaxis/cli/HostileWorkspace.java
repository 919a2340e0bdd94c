package org.chemotaxis.cli;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.chemotaxis.report.ParameterHash;

/**
 * The folder one hostile case runs in: copies of the fixtures it asks for (a finished sine run, a
 * CSV run with its data, the shipped chemotaxis network, TLS folders), and the tools to damage
 * them. Its {@link #digest()} covers every path, type, permission and byte below it, so that
 * "nothing written, nothing changed" is one comparison.
 */
final class HostileWorkspace implements AutoCloseable {

    /** Reads checkpoints and models with NaN and Infinity as numbers, and writes them back that way. */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    final Path root;
    private final Path fixtures;
    String tlsPassword = HostileInputTest.TLS_PASSWORD;
    private final List<AutoCloseable> cleanups = new ArrayList<>();

    HostileWorkspace(Path root, Path fixtures) {
        this.root = root;
        this.fixtures = fixtures;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    /** A finished two-epoch sine run (hidden 4), copied into {@code run/}. */
    Path run() {
        return copied("run", fixtures.resolve("runs/run"));
    }

    /** A finished one-epoch CSV run in {@code csvrun/}, its config pointing at the copy of its data {@code data/s.csv}. */
    Path csvRun() {
        Path dir = root.resolve("csvrun");
        if (!Files.exists(dir)) {
            copied("data", fixtures.resolve("data"));
            copied("csvrun", fixtures.resolve("runs/csvrun"));
            Path config = dir.resolve("config.yml");
            write(config, read(config).replace(fixtures.resolve("data").toAbsolutePath().toString(),
                    root.resolve("data").toAbsolutePath().toString()));
        }
        return dir;
    }

    Path csvData() {
        csvRun();
        return root.resolve("data/s.csv");
    }

    /** The shipped chemotaxis network (its config.yml and model.json) in {@code chem/}. */
    Path chem() {
        Path dir = root.resolve("chem");
        if (!Files.exists(dir)) {
            try {
                Files.createDirectories(dir);
                for (String f : List.of("config.yml", "model.json")) {
                    Files.copy(Path.of("experiments/results/chemotaxis", f), dir.resolve(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** The small sine config of the fixtures (two epochs), as {@code tiny.yml}. */
    Path tiny() {
        Path f = root.resolve("tiny.yml");
        if (!Files.exists(f)) {
            try {
                Files.copy(fixtures.resolve("tiny.yml"), f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return f;
    }

    /** A TLS folder of the fixtures: valid, expired (the node's certificate), each with node.p12 and trust.p12. */
    Path tls(String variant) {
        return copied("tls-" + variant, fixtures.resolve("tls/" + variant));
    }

    Path file(String name, String content) {
        Path f = root.resolve(name);
        write(f, content);
        return f;
    }

    Path bytes(String name, byte[] content) {
        Path f = root.resolve(name);
        try {
            Files.createDirectories(f.getParent());
            Files.write(f, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    void append(Path file, byte[] content) {
        try {
            Files.write(file, content, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces a file by a folder of the same name. */
    void folderInstead(Path file) {
        try {
            Files.delete(file);
            Files.createDirectories(file);
            Files.writeString(file.resolve("x"), "x");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path f, String text) {
        try {
            Files.createDirectories(f.toAbsolutePath().getParent());
            Files.writeString(f, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Edits a JSON file (checkpoint or model) as a tree. */
    void editJson(Path file, Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(file));
            edit.accept(root);
            Files.writeString(file, JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Edits run/checkpoint.json and writes the theta hash of the edited theta, so that only the edit is wrong. */
    void editCheckpoint(Consumer<ObjectNode> edit) {
        editJson(run().resolve("checkpoint.json"), c -> {
            edit.accept(c);
            c.put("theta_sha256", ParameterHash.sha256(doubles(c.get("theta"))));
        });
    }

    /** Edits a model.json and writes the hash of its edited parameters. */
    void editModel(Path model, Consumer<ObjectNode> edit) {
        editJson(model, m -> {
            edit.accept(m);
            m.put("sha256", ParameterHash.sha256(doubles(m.get("parameters"))));
        });
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    static void setFirst(JsonNode array, double value) {
        ((ArrayNode) array).set(0, JSON.getNodeFactory().numberNode(value));
    }

    void onClose(AutoCloseable c) {
        cleanups.add(c);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : cleanups) {
            c.close();
        }
    }

    /** Every path below the root with its type, permissions and content hash, in order: equal digests, equal trees. */
    String digest() {
        try (Stream<Path> walk = Files.walk(root)) {
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            for (Path p : walk.sorted().toList()) {
                StringBuilder entry = new StringBuilder(root.relativize(p).toString()).append('|');
                if (Files.isSymbolicLink(p)) {
                    entry.append("link->").append(Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    entry.append("dir");
                } else {
                    entry.append("file ").append(HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
                if (!Files.isSymbolicLink(p)) {
                    entry.append(' ').append(java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
                }
                all.update(entry.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(all.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The listing behind a digest, for a failure message. */
    String listing() {
        try (Stream<Path> walk = Files.walk(root)) {
            StringBuilder b = new StringBuilder();
            for (Path p : walk.sorted().toList()) {
                b.append(root.relativize(p)).append(Files.isDirectory(p) ? "/" : " " + Files.size(p)).append('\n');
            }
            return b.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private Path copied(String name, Path from) {
        Path to = root.resolve(name);
        if (Files.exists(to)) {
            return to;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
