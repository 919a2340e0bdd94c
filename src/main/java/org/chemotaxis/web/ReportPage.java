package org.chemotaxis.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.report.AtomicFiles;
import org.chemotaxis.report.EventHistory;

/**
 * report.html: the dashboard of a run folder as one self-contained file (events and scripts
 * inlined). Of the pictures of the best network only the newest is inlined: the page draws no
 * other, and a long run has many.
 */
public final class ReportPage {

    public static final String FILE = "report.html";

    private static final String PREVIEW = "BestPreview";

    private ReportPage() {
    }

    /** Writes (atomically) {@code runDir/report.html} from its events.jsonl and returns its path. */
    public static Path write(Path runDir) {
        Path events = runDir.resolve("events.jsonl");
        if (!Files.isRegularFile(events)) {
            throw new BadInputException("no events.jsonl in " + runDir + ": not a run folder");
        }
        // Lines torn by a kill (also mid-character) are left out, as the EventLog does.
        List<JsonNode> all = EventHistory.read(events).events();
        int newestPreview = -1;
        for (int i = 0; i < all.size(); i++) {
            if (PREVIEW.equals(all.get(i).path("event").asText())) {
                newestPreview = i;
            }
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i == newestPreview || !PREVIEW.equals(all.get(i).path("event").asText())) {
                lines.add(all.get(i).toString());
            }
        }
        Path report = runDir.resolve(FILE);
        AtomicFiles.writeString(report, DashboardPage.withEvents(lines));
        return report;
    }
}
