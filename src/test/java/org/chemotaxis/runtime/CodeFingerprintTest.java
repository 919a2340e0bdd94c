package org.chemotaxis.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code fingerprint covers the project's class files and nothing else, the same from a jar or a folder. */
class CodeFingerprintTest {

    @TempDir
    Path tmp;

    private Path folder(String name, Map<String, String> files) throws Exception {
        Path root = tmp.resolve(name);
        for (var e : files.entrySet()) {
            Path f = root.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        return root;
    }

    private Path jar(String name, Map<String, String> files) throws Exception {
        Path jar = tmp.resolve(name + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            // Entries in another order than the folder walk: the fingerprint sorts by name.
            for (var e : new TreeMap<>(files).descendingMap().entrySet()) {
                j.putNextEntry(new JarEntry(e.getKey()));
                j.write(e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void onlyTheProjectsClassFilesCount() throws Exception {
        Map<String, String> build = Map.of("org/chemotaxis/kernel/Tanh.class", "tanh v1",
                "org/chemotaxis/model/Elman.class", "elman", "akka/Actor.class", "library",
                "org/chemotaxis/web/page.html", "a page");
        String base = CodeFingerprint.of(folder("a", build));
        assertEquals(64, base.length());
        assertEquals(base, CodeFingerprint.of(jar("a", build)), "a jar and a class folder of the same build agree");

        Map<String, String> kernel = new TreeMap<>(build);
        kernel.put("org/chemotaxis/kernel/Tanh.class", "tanh v2");
        assertNotEquals(base, CodeFingerprint.of(folder("b", kernel)), "a changed kernel is another build");
        Map<String, String> added = new TreeMap<>(build);
        added.put("org/chemotaxis/kernel/Patch.class", "");
        assertNotEquals(base, CodeFingerprint.of(jar("c", added)), "an added class is another build");
        Map<String, String> moved = new TreeMap<>(build);
        moved.remove("org/chemotaxis/model/Elman.class");
        moved.put("org/chemotaxis/modelElman.class", "elman");
        assertNotEquals(base, CodeFingerprint.of(folder("d", moved)), "names count, not only contents");

        Map<String, String> other = new TreeMap<>(build);
        other.put("akka/Actor.class", "another library");
        other.put("org/chemotaxis/web/page.html", "another page");
        assertEquals(base, CodeFingerprint.of(folder("e", other)), "libraries and resources do not count");
    }

    @Test
    void thisBuildHasOneFingerprintAndTheJobCarriesIt() {
        String here = CodeFingerprint.current();
        assertTrue(here.matches("[0-9a-f]{64}"), here);
        assertEquals(here, CodeFingerprint.current());
        JobSpec job = JobSpec.of("run-1", "name: x\n");
        assertEquals(here, job.codeSha256());
        assertEquals(job.fingerprint(), JobSpec.of("run-1", "name: x\n").fingerprint());
        assertNotEquals(job.fingerprint(), job.withCode("0".repeat(64)).fingerprint(), "code counts");
        assertNotEquals(job.fingerprint(), JobSpec.of("run-1", "name: y\n").fingerprint(), "config counts");
        assertEquals("0123456789ab", CodeFingerprint.shortForm("0123456789abcdef"));
    }
}
