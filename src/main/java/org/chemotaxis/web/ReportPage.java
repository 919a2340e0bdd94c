package org.chemotaxis.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.report.AtomicFiles;
import org.chemotaxis.runtime.EventLog;

/** report.html: the dashboard of a run folder as one self-contained file (events and scripts inlined). */
public final class ReportPage {

    public static final String FILE = "report.html";

    private ReportPage() {
    }

    /** Writes (atomically) {@code runDir/report.html} from its events.jsonl and returns its path. */
    public static Path write(Path runDir) {
        Path events = runDir.resolve("events.jsonl");
        if (!Files.isRegularFile(events)) {
            throw new BadInputException("no events.jsonl in " + runDir + ": not a run folder");
        }
        List<String> lines = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
                if (isEvent(line)) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read " + events + ": " + e.getMessage());
        }
        Path report = runDir.resolve(FILE);
        AtomicFiles.writeString(report, DashboardPage.withEvents(lines));
        return report;
    }

    /** A JSON object: blank lines and a line torn by a kill mid-write are left out, as the EventLog does. */
    private static boolean isEvent(String line) {
        if (line.isBlank()) {
            return false;
        }
        try {
            return EventLog.JSON.readTree(line).isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
