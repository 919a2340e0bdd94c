package org.chemotaxis.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documents stand on their own in a clone: every relative link of README.md, docs/*.md and
 * experiments/*.md names a file of the repository, and so does every repository path their
 * commands use. (scripts/check-doc-commands.sh runs the cheap commands.)
 */
class DocumentLinksTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /** A path into the repository inside a command or inline code: a known top folder, then more. */
    private static final Pattern REPO_PATH = Pattern.compile(
            "(?<![\\w./-])((?:\\.\\./)*(?:experiments|docs|bench|deploy|scripts|bin|\\.ci)/[\\w./-]*[\\w-])");

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        for (String dir : List.of("docs", "experiments")) {
            try (Stream<Path> s = Files.list(ROOT.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
            }
        }
        return docs;
    }

    @Test
    void everyRelativeLinkNamesAFileOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path doc : documents()) {
            Matcher m = LINK.matcher(Files.readString(doc));
            while (m.find()) {
                String target = m.group(1).replaceFirst("#.*$", "");
                if (target.isEmpty() || target.matches("^[a-z]+:.*")) {
                    continue; // an anchor in the same page, or a web address
                }
                links++;
                Path resolved = doc.getParent().resolve(target).normalize();
                if (!Files.exists(resolved) || !resolved.startsWith(ROOT)) {
                    broken.add(ROOT.relativize(doc) + ": " + m.group(1));
                }
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(links >= 10, "links found: " + links);
    }

    @Test
    void everyRepositoryPathInTheTextExists() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher m = REPO_PATH.matcher(Files.readString(doc));
            while (m.find()) {
                String p = m.group(1);
                // Relative to the repository (commands) or to the document (links).
                if (!Files.exists(ROOT.resolve(p).normalize()) && !Files.exists(doc.getParent().resolve(p).normalize())
                        && !generated(p)) {
                    missing.add(ROOT.relativize(doc) + ": " + p);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    /** Paths the documents name as outputs or placeholders, which a clone does not hold yet. */
    private static boolean generated(String p) {
        return p.startsWith("experiments/results/chemotaxis/") && !p.endsWith(".png") && !p.endsWith(".yml")
                || p.matches("deploy/tls/(trainer|worker|keys)[\\w./-]*") || p.contains("/out/");
    }

    @Test
    void noDocumentPointsOutsideTheRepository() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path doc : documents()) {
            String text = Files.readString(doc);
            for (String bad : List.of("../shared", "/work/", "DESIGN.md")) {
                if (text.contains(bad)) {
                    outside.add(ROOT.relativize(doc) + ": " + bad);
                }
            }
        }
        assertEquals(List.of(), outside);
    }
}
