package org.chemotaxis.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The dashboard's one HTML page, with the chart library (uPlot, MIT, in the jar), its styles and
 * the page's script inlined: nothing is fetched from anywhere. Live, the page reads the events
 * from the server that served it; as a report, the events are inlined too and it needs no server.
 */
public final class DashboardPage {

    private static final String ROOT = "/web/";

    private DashboardPage() {
    }

    /** The page a dashboard server serves: its events come from {@code events} beside it. */
    public static String live() {
        return assemble("null");
    }

    /** A self-contained page of these events (events.jsonl lines, oldest first). */
    public static String withEvents(List<String> eventJsonLines) {
        StringBuilder array = new StringBuilder("[\n");
        for (int i = 0; i < eventJsonLines.size(); i++) {
            array.append(eventJsonLines.get(i)).append(i + 1 < eventJsonLines.size() ? ",\n" : "\n");
        }
        return assemble(array.append(']').toString());
    }

    private static String assemble(String eventsLiteral) {
        String page = resource("dashboard.html");
        // Replacing one marker at a time, by position: the inlined texts may hold anything.
        page = replace(page, "/*UPLOT_CSS*/", resource("uplot/uPlot.min.css"));
        page = replace(page, "/*UPLOT_JS*/", scriptSafe(resource("uplot/uPlot.iife.min.js")));
        page = replace(page, "/*RUN_EVENTS*/", scriptSafe(eventsLiteral));
        return replace(page, "/*DASHBOARD_JS*/", scriptSafe(resource("dashboard.js")));
    }

    private static String replace(String page, String marker, String content) {
        int at = page.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("dashboard.html lacks " + marker);
        }
        return page.substring(0, at) + content + page.substring(at + marker.length());
    }

    /**
     * Text that cannot end its script element early: "</" only occurs inside string literals of
     * JSON and of the scripts, where "<\/" means the same.
     */
    static String scriptSafe(String js) {
        return js.replace("</", "<\\/").replace("<!--", "<\\!--");
    }

    private static String resource(String name) {
        try (InputStream in = DashboardPage.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + ROOT + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
