package org.chemotaxis.web;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.stream.Materializer;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.chemotaxis.runtime.EventFollower;

/**
 * A running dashboard: an HTTP server (Akka HTTP, on the node's own actor system) that shows
 * the run's events from an {@link EventFeed}. A trainer feeds it with an {@link EventFollower}
 * of its own ({@link #follow}); an observer with the events it already follows.
 */
public final class Dashboard {

    private final ServerBinding binding;
    private final EventFeed feed;

    private Dashboard(ServerBinding binding, EventFeed feed) {
        this.binding = binding;
        this.feed = feed;
    }

    /** A feed of every event of the run that {@code system} belongs to, from the first on. */
    public static EventFeed follow(ActorSystem<?> system) {
        EventFeed feed = new EventFeed();
        system.systemActorOf(EventFollower.create(feed::publish), "dashboard-events", Props.empty());
        return feed;
    }

    /**
     * Serves the dashboard on {@code host:port} (0: any free port), and asks it for its page and
     * events once, so that the server's start-up is over when this returns ({@link WarmUp}).
     *
     * @throws IllegalStateException when the address cannot be bound (within 10 s)
     */
    public static Dashboard start(ActorSystem<?> system, String host, int port, EventFeed feed) {
        DashboardServer server = new DashboardServer(feed, Materializer.matFromSystem(system));
        try {
            ServerBinding b = Http.get(system).newServerAt(host, port).bind(server.route())
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            // When the node stops, the open pages get the events so far and a clean end (they keep
            // what they show) instead of a connection that the stopping system aborts.
            CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "dashboard", () -> {
                feed.endStreams();
                // The ended streams finish, and then their connections close, before the system stops their actors.
                return server.streamsEnded().completeOnTimeout(null, 2, TimeUnit.SECONDS)
                        .thenCompose(x -> b.terminate(java.time.Duration.ofSeconds(1)))
                        .thenApply(x -> Done.getInstance());
            });
            WarmUp.run(b.localAddress());
            return new Dashboard(b, feed);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("the dashboard cannot listen on " + host + ":" + port + ": " + cause.getMessage(), cause);
        }
    }

    /** The page's address, e.g. http://127.0.0.1:8800/ */
    public String url() {
        InetSocketAddress a = binding.localAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + a.getPort() + "/";
    }

    public EventFeed feed() {
        return feed;
    }

    /** Stops accepting connections and ends the open event streams within a few seconds. */
    public void stop() {
        binding.terminate(java.time.Duration.ofSeconds(3)).toCompletableFuture().orTimeout(10, TimeUnit.SECONDS)
                .exceptionally(t -> null).join();
    }
}
