package org.chemotaxis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What a user reads first: the command list of --help, and observe's answer when nobody is there. */
class HelpTest {

    @Test
    void everyCommandSummaryIsAWholeSentence() {
        CommandLine cl = Main.commandLine();
        int n = 0;
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            String[] d = e.getValue().getCommandSpec().usageMessage().description();
            // The command list shows the first line only.
            assertTrue(d.length > 0 && d[0].endsWith("."), e.getKey() + ": '" + (d.length > 0 ? d[0] : "") + "'");
            assertTrue(d[0].length() <= 100, e.getKey() + " summary too long for the list: " + d[0].length());
            n++;
        }
        assertTrue(n >= 8, "commands: " + n);
    }

    @Test
    void observeSaysAtOnceThatNobodyIsThere() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        EvaluateChemotaxisTest.Outcome o = EvaluateChemotaxisTest.run("observe", "--join", "127.0.0.1:" + port);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(ExitCode.FAILED, o.code());
        assertTrue(o.err().contains("nothing answers at 127.0.0.1:" + port) && o.err().contains("--cluster --port " + port),
                o.err());
        assertTrue(seconds < 10, "not the 20 s join timeout: " + seconds);
    }
}
