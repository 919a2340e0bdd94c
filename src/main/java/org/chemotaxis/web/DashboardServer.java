package org.chemotaxis.web;

import static akka.http.javadsl.server.Directives.complete;
import static akka.http.javadsl.server.Directives.completeOK;
import static akka.http.javadsl.server.Directives.concat;
import static akka.http.javadsl.server.Directives.get;
import static akka.http.javadsl.server.Directives.path;
import static akka.http.javadsl.server.Directives.pathSingleSlash;

import akka.Done;
import akka.NotUsed;
import akka.http.javadsl.marshalling.sse.EventStreamMarshalling;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.sse.ServerSentEvent;
import akka.http.javadsl.server.Route;
import akka.japi.Pair;
import akka.stream.BoundedSourceQueue;
import akka.stream.Materializer;
import akka.stream.QueueOfferResult;
import akka.stream.javadsl.Source;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's routes, all read-only: GET / is the page, GET /events the run's events as
 * server-sent events: a "reset" event (its data: how many events the history holds), every event
 * so far, then the live ones. A browser that reconnects starts over from the reset.
 */
final class DashboardServer {

    /** Live events a slow browser may lag behind; past that its stream ends and it reconnects. */
    static final int LIVE_BUFFER = 4096;

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(10);

    private final EventFeed feed;
    private final Materializer materializer;
    private final String page = DashboardPage.live();
    /** The event streams still running, each as the stage that completes when it ends. */
    private final Set<CompletableFuture<Done>> open = ConcurrentHashMap.newKeySet();

    DashboardServer(EventFeed feed, Materializer materializer) {
        this.feed = feed;
        this.materializer = materializer;
    }

    Route route() {
        return get(() -> concat(
                pathSingleSlash(() -> complete(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, page))),
                path("events", () -> completeOK(events(), EventStreamMarshalling.toEventStream()))));
    }

    private Source<ServerSentEvent, NotUsed> events() {
        Pair<BoundedSourceQueue<String>, Source<String, NotUsed>> live =
                Source.<String>queue(LIVE_BUFFER).preMaterialize(materializer);
        BoundedSourceQueue<String> queue = live.first();
        EventFeed.Subscriber subscriber = new EventFeed.Subscriber() {
            @Override
            public boolean offer(String json) {
                if (queue.offer(json) == QueueOfferResult.enqueued()) {
                    return true;
                }
                completeQuietly(queue);
                return false;
            }

            @Override
            public void end() {
                completeQuietly(queue);
            }
        };
        List<String> history = feed.subscribe(subscriber);
        return Source.single(ServerSentEvent.create(Integer.toString(history.size()), "reset"))
                .concat(Source.from(history).concat(live.second()).map(ServerSentEvent::create))
                .keepAlive(KEEP_ALIVE, ServerSentEvent::heartbeat)
                .watchTermination((mat, done) -> {
                    CompletableFuture<Done> ended = done.toCompletableFuture();
                    open.add(ended);
                    ended.whenComplete((d, t) -> {
                        feed.unsubscribe(subscriber);
                        completeQuietly(queue);
                        open.remove(ended);
                    });
                    return mat;
                });
    }

    /**
     * Completes a browser's queue, which its stream may have completed already (the browser went
     * away while an event was being offered): completing it twice is no failure here.
     */
    private static void completeQuietly(BoundedSourceQueue<String> queue) {
        try {
            queue.complete();
        } catch (IllegalStateException alreadyCompleted) {
            // nothing more to end
        }
    }

    /**
     * Completes when every event stream running now has ended (after {@link EventFeed#endStreams}
     * they end once their events are out). Akka HTTP's graceful termination does not wait for
     * streamed responses (akka-http issue 3209): without this a stopping node cuts them off.
     */
    CompletableFuture<Void> streamsEnded() {
        return CompletableFuture.allOf(open.toArray(new CompletableFuture<?>[0]));
    }
}
