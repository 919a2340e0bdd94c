package org.chemotaxis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --dashboard takes an optional port, and never swallows the CONFIG that follows it. */
class DashboardOptionsTest {

    private static TrainCommand train(String... args) {
        TrainCommand t = new TrainCommand();
        new CommandLine(t).parseArgs(args);
        return t;
    }

    @Test
    void thePortIsOptional() {
        assertNull(train("x.yml").dashboard.port);
        assertEquals(8800, train("x.yml", "--dashboard").dashboard.port);
        assertEquals(8800, train("--dashboard", "x.yml").dashboard.port);
        assertEquals(Path.of("x.yml"), train("--dashboard", "x.yml").configFile);
        assertEquals(0, train("--dashboard", "0", "x.yml").dashboard.port);
        assertEquals(Path.of("x.yml"), train("--dashboard", "0", "x.yml").configFile);
        assertEquals(8123, train("--dashboard=8123").dashboard.port);
        assertEquals("127.0.0.1", train("--dashboard").dashboard.host);
        assertEquals("0.0.0.0", train("--dashboard", "--dashboard-host", "0.0.0.0").dashboard.host);
        ObserveCommand o = new ObserveCommand();
        new CommandLine(o).parseArgs("--join", "127.0.0.1:2551", "--dashboard");
        assertEquals(8800, o.dashboard.port);
    }

    @Test
    void aPortOutOfRangeIsBadInput() {
        assertEquals(ExitCode.BAD_INPUT, Main.execute("train", "--dashboard", "65536"));
    }
}
