package org.chemotaxis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.chemotaxis.runtime.ClusterSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input table ({@link HostileCases}): every row runs its command line in this JVM
 * (through {@link Main#execute}, as the launcher does) in a workspace of its own, and is checked
 * for its exit code, for its message (bad input: exactly one line, "error: ..." with the row's
 * fragment; never a stack trace) and, for bad input, for a workspace whose every byte,
 * permission and file name is as before.
 */
class HostileInputTest {

    static final String TLS_PASSWORD = "hostile-secret-1";

    @TempDir
    static Path tmp;

    private static Path fixtures;
    private static final AtomicInteger CASES = new AtomicInteger();

    @BeforeAll
    static void fixtures() throws Exception {
        fixtures = tmp.resolve("fixtures");
        Files.createDirectories(fixtures);
        Path tiny = RunFiles.writeSmallConfig(fixtures, 2, "central");
        Files.move(tiny, fixtures.resolve("tiny.yml"));
        Path out = fixtures.resolve("runs");
        assertEquals(ExitCode.OK, quiet("train", fixtures.resolve("tiny.yml").toString(), "--out", out.toString(),
                "--name", "run", "--workers", "1"));
        Path data = fixtures.resolve("data");
        Files.createDirectories(data);
        StringBuilder csv = new StringBuilder("t,x\n");
        for (int i = 0; i < 120; i++) {
            csv.append(i).append(',').append(Math.sin(0.3 * i)).append('\n');
        }
        Files.writeString(data.resolve("s.csv"), csv);
        Path csvConfig = fixtures.resolve("csv.yml");
        Files.writeString(csvConfig, """
                name: csv
                seed: 2
                model: {hidden: 3}
                data: {type: csv, path: data/s.csv, input_columns: [x], target_columns: [x], window: 20, stride: 5}
                objective: {washout: 2}
                estimator: {type: spsa, directions: 2}
                training: {epochs: 1, batch: 4}
                generation: {warmup: 5, steps: 10}
                """);
        assertEquals(ExitCode.OK, quiet("train", csvConfig.toString(), "--out", out.toString(), "--name", "csvrun",
                "--workers", "1"));
        tlsStores(fixtures.resolve("tls"));
    }

    /** Key stores made with the JDK's keytool: a valid node folder, and one whose certificate has expired. */
    private static void tlsStores(Path dir) throws Exception {
        for (String variant : List.of("valid", "expired")) {
            Path d = dir.resolve(variant);
            Files.createDirectories(d);
            List<String> gen = new java.util.ArrayList<>(List.of("-genkeypair", "-alias", "node", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=node", "-keystore", d.resolve("node.p12").toString(),
                    "-storetype", "PKCS12", "-storepass", TLS_PASSWORD, "-keypass", TLS_PASSWORD));
            gen.addAll(variant.equals("valid") ? List.of("-validity", "30") : List.of("-startdate", "-10d", "-validity", "1"));
            keytool(gen.toArray(new String[0]));
            keytool("-exportcert", "-alias", "node", "-keystore", d.resolve("node.p12").toString(),
                    "-storepass", TLS_PASSWORD, "-file", d.resolve("node.crt").toString());
            keytool("-importcert", "-noprompt", "-alias", "ca", "-file", d.resolve("node.crt").toString(),
                    "-keystore", d.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", TLS_PASSWORD);
            Files.delete(d.resolve("node.crt"));
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + "\n" + log);
    }

    @AfterAll
    static void reset() {
        TlsFolder.environment = System::getenv;
    }

    private static int quiet(String... args) {
        Captured c = capture(() -> Main.execute(args));
        if (c.code != ExitCode.OK) {
            System.err.println(c.output);
        }
        return c.code;
    }

    private record Captured(int code, String err, String output) {
    }

    private interface Command {
        int run();
    }

    /** Runs a command with stdout and stderr captured (the commands print to System.out/err, logback too). */
    private static synchronized Captured capture(Command command) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            code = command.run();
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
        }
        String e = errBytes.toString(StandardCharsets.UTF_8);
        return new Captured(code, e, e + outBytes.toString(StandardCharsets.UTF_8));
    }

    @TestFactory
    Stream<DynamicTest> hostileInput() {
        return HostileCases.all().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            try {
                run(c);
            } catch (AssertionError | Exception e) {
                throw new AssertionError("[" + c + "] " + e.getMessage(), e);
            }
        }));
    }

    private void run(HostileCase c) throws Exception {
        int n = CASES.incrementAndGet();
        try (HostileWorkspace ws = new HostileWorkspace(tmp.resolve("case-" + n), fixtures)) {
            c.setup.apply(ws);
            String[] args = c.commandLine(ws);
            // A workspace that another process writes into meanwhile is not compared, nor walked: its
            // temporary files come and go under the walk.
            String before = c.unchanged ? ws.digest() : null;
            String listingBefore = c.unchanged ? ws.listing() : null;
            String password = ws.tlsPassword;
            TlsFolder.environment = key -> key.equals(ClusterSetup.PASSWORD_ENV) ? password : System.getenv(key);
            Captured r;
            try {
                r = capture(() -> Main.execute(args));
            } finally {
                TlsFolder.environment = System::getenv;
            }
            String shown = "\n$ chemotaxis " + String.join(" ", args) + "\n" + r.output;
            assertEquals(c.exit, r.code, "exit code" + shown);
            assertFalse(r.output.contains("\tat ") || r.output.contains("Exception in thread"), "a stack trace" + shown);
            if (c.exit == ExitCode.BAD_INPUT) {
                List<String> lines = r.err.strip().lines().toList();
                assertEquals(1, lines.size(), "one line" + shown);
                assertTrue(lines.get(0).startsWith("error: "), "an error line" + shown);
                assertTrue(lines.get(0).contains(c.fragment), "the message names '" + c.fragment + "'" + shown);
            } else {
                assertTrue(r.output.contains(c.fragment), "the output says '" + c.fragment + "'" + shown);
            }
            if (c.unchanged) {
                assertEquals(before, ws.digest(), "nothing written, nothing changed" + shown + "\nbefore:\n"
                        + listingBefore + "after:\n" + ws.listing());
            }
            c.check.after(ws, r.output);
        }
    }

    /** The table keeps its promise of size and breadth: at least 150 rows, and every family of issue 17. */
    @Test
    void theTableCoversEveryFamily() {
        Map<String, Integer> byFamily = new HashMap<>();
        for (HostileCase c : HostileCases.all()) {
            byFamily.merge(c.family, 1, Integer::sum);
        }
        assertTrue(HostileCases.all().size() >= 150, "rows: " + HostileCases.all().size());
        for (String family : HostileCases.FAMILIES) {
            assertTrue(byFamily.getOrDefault(family, 0) >= 5, family + " has too few rows: " + byFamily);
        }
        assertEquals(HostileCases.FAMILIES.size(), byFamily.size(), "families: " + byFamily.keySet());
    }
}
