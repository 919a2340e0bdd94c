package org.chemotaxis.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.report.AtomicFiles;
import org.chemotaxis.report.EventHistory;

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
        // Lines torn by a kill (also mid-character) are left out, as the EventLog does.
        List<String> lines = new ArrayList<>();
        for (var event : EventHistory.read(events).events()) {
            lines.add(event.toString());
        }
        Path report = runDir.resolve(FILE);
        AtomicFiles.writeString(report, DashboardPage.withEvents(lines));
        return report;
    }
}
