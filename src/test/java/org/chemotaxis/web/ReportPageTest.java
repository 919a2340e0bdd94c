package org.chemotaxis.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.report.Picture;
import org.chemotaxis.runtime.EventLog;
import org.chemotaxis.runtime.RunEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html inlines the run's events; of the pictures of the best network only the newest. */
class ReportPageTest {

    @TempDir
    Path tmp;

    private static RunEvent.BestPreview preview(long epoch) {
        return new RunEvent.BestPreview("r", 10 + epoch, epoch, new Picture(Picture.LINES, "epoch " + epoch, "t", "v",
                List.of(new Picture.Series("target", new float[] {0, 1}, new float[] {1, 2})), null, null));
    }

    /** The "event" and "time" of every inlined event, in order. */
    private static List<String> inlined(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\"event\":\"(\\w+)\",\"run_id\":\"r\",\"time\":(\\d+)").matcher(html);
        while (m.find()) {
            out.add(m.group(1) + "@" + m.group(2));
        }
        return out;
    }

    @Test
    void theNewestPictureOfTheBestNetworkIsInlinedAndEveryOtherEvent() throws Exception {
        List<RunEvent> events = List.of(
                new RunEvent.Checkpointed("r", 1, 0, 4, "c"), preview(0),
                new RunEvent.Checkpointed("r", 2, 1, 8, "c"), preview(1),
                new RunEvent.Checkpointed("r", 3, 2, 12, "c"), preview(2),
                new RunEvent.Checkpointed("r", 4, 3, 16, "c"));
        StringBuilder jsonl = new StringBuilder();
        for (RunEvent e : events) {
            jsonl.append(EventLog.toJson(e)).append('\n');
        }
        // A line torn by a kill is left out, as the EventLog leaves it out.
        jsonl.append("{\"event\":\"Checkpointed\",\"run_id\":\"r\",\"ti");
        Files.writeString(tmp.resolve("events.jsonl"), jsonl);
        String html = Files.readString(ReportPage.write(tmp));
        assertEquals(List.of("Checkpointed@1", "Checkpointed@2", "Checkpointed@3", "BestPreview@12", "Checkpointed@4"),
                inlined(html));
        assertTrue(html.contains("\"title\":\"epoch 2\""), "the newest picture's content");
    }

    @Test
    void aFolderWithoutEventsIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> ReportPage.write(tmp));
        assertTrue(e.getMessage().contains("no events.jsonl"), e.getMessage());
    }
}
