package org.chemotaxis.web;

import java.util.ArrayList;
import java.util.List;
import org.chemotaxis.runtime.EventLog;
import org.chemotaxis.runtime.RunEvent;

/**
 * The run's events as events.jsonl lines, for the dashboard's browsers: every event so far
 * (a browser that opens the page late or reconnects gets the whole history first) and the live
 * ones after it. Thread-safe: events come from an actor, browsers subscribe from the HTTP
 * server's threads, and a subscription is atomic (no event is lost or doubled between the
 * history and the live part).
 */
public final class EventFeed {

    /** Where a browser's live events go; {@code false} (it cannot keep up, or is gone) drops it. */
    public interface Subscriber {
        boolean offer(String eventJson);

        /** No more events: the stream ends after those offered. */
        void end();
    }

    private final List<String> history = new ArrayList<>();
    private final List<Subscriber> subscribers = new ArrayList<>();

    public void publish(RunEvent e) {
        String json = EventLog.toJson(e);
        synchronized (this) {
            history.add(json);
            subscribers.removeIf(s -> !offer(s, json));
        }
    }

    /** A subscriber that fails is dropped like one that cannot keep up: one browser must not stop the feed. */
    private static boolean offer(Subscriber s, String json) {
        try {
            return s.offer(json);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Registers {@code s} for the events after the returned ones (every event so far, oldest first). */
    public synchronized List<String> subscribe(Subscriber s) {
        subscribers.add(s);
        return List.copyOf(history);
    }

    public synchronized void unsubscribe(Subscriber s) {
        subscribers.remove(s);
    }

    /** Ends every subscriber's stream (the node is shutting down); the history stays. */
    public synchronized void endStreams() {
        subscribers.forEach(Subscriber::end);
        subscribers.clear();
    }

    public synchronized int subscribers() {
        return subscribers.size();
    }

    public synchronized List<String> history() {
        return List.copyOf(history);
    }
}
