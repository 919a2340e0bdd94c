package org.chemotaxis.problem;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import org.chemotaxis.api.ProblemFactory;
import org.chemotaxis.config.BadInputException;

/**
 * The problems installed on this node: those on the class path and those in the jars of the plugin
 * folders, found with {@link ServiceLoader}. Each knows where it came from and, for a plugin jar,
 * the jar's SHA-256, so that nodes can tell whether they run the same build of a problem.
 */
public final class ProblemRegistry {

    /** One installed problem. */
    public record Entry(ProblemFactory factory, String source, String sha256) {
        public String name() {
            return factory.name();
        }
    }

    private final Map<String, Entry> entries;
    private final List<Path> folders;
    private final List<String> warnings;

    private ProblemRegistry(Map<String, Entry> entries, List<Path> folders, List<String> warnings) {
        this.entries = entries;
        this.folders = folders;
        this.warnings = warnings;
    }

    /** The problems of the class path only. */
    public static ProblemRegistry classPath() {
        return load(List.of());
    }

    /**
     * The problems of the class path and of every {@code *.jar} in {@code folders} (a folder that
     * does not exist holds none). A jar that cannot be read as a plugin is a {@link BadInputException}
     * naming it; two problems of one name are too.
     */
    public static ProblemRegistry load(List<Path> folders) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        ClassLoader parent = ProblemRegistry.class.getClassLoader();
        for (ProblemFactory f : services(ServiceLoader.load(ProblemFactory.class, parent), "the class path")) {
            add(entries, new Entry(f, "class path", null));
        }
        for (Path folder : folders) {
            for (Path jar : jars(folder)) {
                String sha = checkJar(jar);
                URLClassLoader loader = new URLClassLoader("plugin " + jar.getFileName(), new URL[] {url(jar)}, parent);
                int found = 0;
                for (ProblemFactory f : services(ServiceLoader.load(ProblemFactory.class, loader), jar.toString())) {
                    if (f.getClass().getClassLoader() != loader) {
                        continue; // also on the class path: listed there already
                    }
                    add(entries, new Entry(f, jar.toString(), sha));
                    found++;
                }
                if (found == 0) {
                    warnings.add("plugin jar " + jar + " publishes no problem (no META-INF/services/"
                            + ProblemFactory.class.getName() + ")");
                }
            }
        }
        return new ProblemRegistry(entries, List.copyOf(folders), List.copyOf(warnings));
    }

    private static List<Path> jars(Path folder) {
        if (!Files.exists(folder)) {
            return List.of();
        }
        if (!Files.isDirectory(folder)) {
            throw new BadInputException("plugin folder " + folder + " is not a folder");
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.jar")) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw new BadInputException("cannot read plugin folder " + folder + ": " + e.getMessage());
        }
        out.sort(null);
        return out;
    }

    /** Opens the jar once (so that a damaged one is named here, not deep in class loading) and hashes it. */
    private static String checkJar(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            j.entries().asIterator().forEachRemaining(e -> { });
        } catch (IOException | SecurityException e) {
            throw new BadInputException("plugin jar " + jar + " is not a readable jar: " + e.getMessage());
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(jar), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new BadInputException("cannot read plugin jar " + jar + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new BadInputException("plugin jar " + jar + " has no URL: " + e.getMessage());
        }
    }

    private static List<ProblemFactory> services(ServiceLoader<ProblemFactory> loader, String where) {
        List<ProblemFactory> out = new ArrayList<>();
        try {
            for (ProblemFactory f : loader) {
                out.add(f);
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new BadInputException("a problem in " + where + " cannot be loaded: " + e.getMessage());
        }
        return out;
    }

    private static void add(Map<String, Entry> entries, Entry e) {
        String name = e.name();
        if (name == null || !name.matches("[a-z0-9_-]+")) {
            throw new BadInputException("the problem " + e.factory().getClass().getName() + " in " + e.source()
                    + " has an invalid name '" + name + "' (lower case letters, digits, '-', '_')");
        }
        Entry old = entries.putIfAbsent(name, e);
        if (old != null) {
            throw new BadInputException("two problems are named '" + name + "': in " + old.source() + " and in "
                    + e.source());
        }
    }

    public Optional<Entry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** The problem of that name; otherwise a {@link BadInputException} naming it and where problems were looked for. */
    public Entry get(String name) {
        return find(name).orElseThrow(() -> new BadInputException("problem.type: no problem named '" + name
                + "' is installed; looked on the class path" + (folders.isEmpty() ? "" : " and in "
                + String.join(", ", folders.stream().map(Path::toString).toList()))
                + (entries.isEmpty() ? " (none found)" : "; installed: " + String.join(", ", entries.keySet()))));
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public List<Path> folders() {
        return folders;
    }

    /** Jars that publish no problem: worth a line in the log, not an error. */
    public List<String> warnings() {
        return warnings;
    }
}
