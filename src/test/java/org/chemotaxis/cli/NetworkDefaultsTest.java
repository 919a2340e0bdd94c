package org.chemotaxis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every node refuses to open its cluster port to the network without TLS unless told
 * {@code --insecure}: exit code 2, one line naming {@code --tls} and {@code --insecure}, before
 * anything starts or is written.
 */
class NetworkDefaultsTest {

    @TempDir
    Path tmp;

    private void assertRefused(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        assertEquals(ExitCode.BAD_INPUT, code, err.toString());
        List<String> lines = err.toString().strip().lines().toList();
        assertEquals(1, lines.size(), "one line: " + err);
        assertTrue(lines.get(0).startsWith("error: --host 10.9.8.7 opens the cluster port to the network without TLS"),
                lines.get(0));
        assertTrue(lines.get(0).contains("--tls DIR") && lines.get(0).contains("--insecure"), lines.get(0));
    }

    @Test
    void aTrainerOnANetworkAddressWithoutTlsIsRefusedBeforeItWritesAnything() {
        Path out = tmp.resolve("runs");
        assertRefused("train", "--cluster", "--host", "10.9.8.7", "--out", out.toString(), "--set", "training.epochs=1");
        assertEquals(List.of(), RunFiles.contents(out));
    }

    @Test
    void workersAndObserversOnANetworkAddressWithoutTlsAreRefused() {
        assertRefused("worker", "--join", "10.9.8.1:2551", "--host", "10.9.8.7");
        assertRefused("observe", "--join", "10.9.8.1:2551", "--host", "10.9.8.7");
    }
}
