package org.chemotaxis.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.typed.Behavior;
import akka.actor.typed.BehaviorInterceptor;
import akka.actor.typed.Props;
import akka.actor.typed.TypedActorContext;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.chemotaxis.report.ParameterHash;
import org.chemotaxis.train.RunJob;
import org.chemotaxis.train.Trainer;
import org.chemotaxis.train.Training;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker whose offer (or whose answer to it) is lost is offered the run again and computes:
 * before, it stayed counted and idle for the whole run, as seen once in a trainer restart on
 * separate network hosts.
 */
class OfferRetryTest {

    @TempDir
    Path tmp;

    /** Lets a worker miss its first {@code lost} offers, as if they had been lost on the way. */
    private static final class LosingOffers extends BehaviorInterceptor<Worker.Command, Worker.Command> {
        private final AtomicInteger lost;
        private final AtomicInteger seen;

        LosingOffers(int lost, AtomicInteger seen) {
            super(Worker.Command.class);
            this.lost = new AtomicInteger(lost);
            this.seen = seen;
        }

        @Override
        public Behavior<Worker.Command> aroundReceive(TypedActorContext<Worker.Command> ctx, Worker.Command msg,
                                                      ReceiveTarget<Worker.Command> target) {
            if (msg instanceof Worker.Offer) {
                seen.incrementAndGet();
                if (lost.getAndDecrement() > 0) {
                    return Behaviors.same();
                }
            }
            return target.apply(ctx, msg);
        }
    }

    @Test
    @Timeout(120)
    void aWorkerThatMissedItsOfferIsOfferedTheRunAgainAndComputes() {
        RuntimeFixture f = new RuntimeFixture();
        Training plain = f.experiment.newTraining();
        Trainer.plain(plain).run(f.config.training().epochs());
        Config akka = ConfigFactory.parseString(Coordinator.OFFER_RETRY + " = 300ms").withFallback(ConfigFactory.load());
        AtomicInteger offers = new AtomicInteger();
        LocalRun.Parts parts = f.parts(tmp, "lost-offer",
                spec -> new RunJob(f.experiment.objective(), f.experiment.estimator()));
        // No worker of the run's own: the only worker is one that misses its first two offers.
        RunOutcome outcome = LocalRun.run(parts, 0, akka, system -> system.systemActorOf(
                Behaviors.intercept(() -> new LosingOffers(2, offers), Worker.create(parts.jobFactory())),
                "worker-missing-offers", Props.empty()), null);
        assertEquals(RunOutcome.Status.FINISHED, outcome.status(), outcome.reason());
        assertEquals(ParameterHash.sha256(plain.theta()), outcome.lastParamsSha256(), "the plain loop's parameters");
        assertEquals(3, offers.get(), "offered three times: twice lost, then taken");
    }
}
