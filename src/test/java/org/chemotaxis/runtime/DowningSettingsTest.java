package org.chemotaxis.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import akka.cluster.sbr.SplitBrainResolverSettings;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The packaged application.conf as Akka's Split Brain Resolver reads it: the trainer's side
 * survives every decision. Read through Akka's own settings class, so a misspelt key or value
 * (which Akka would silently replace by its default) fails here.
 */
class DowningSettingsTest {

    private final SplitBrainResolverSettings settings = new SplitBrainResolverSettings(ConfigFactory.load());

    @Test
    void theOldestNodeTheTrainerIsTheSideThatSurvives() {
        assertEquals(SplitBrainResolverSettings.KeepOldestName(), settings.DowningStrategy());
        assertFalse(settings.keepOldestSettings().downIfAlone());
        assertEquals(Duration.ofSeconds(5), Duration.ofNanos(settings.DowningStableAfter().toNanos()));
    }

    @Test
    void churnOnBusyCoresDoesNotDownTheWholeClusterWithTheTrainer() {
        // Zero is Akka's "off"; its default would be 3/4 of stable-after (then every node is downed
        // when reachability keeps changing that long, as worker churn on two busy cores did).
        assertEquals(0L, settings.DownAllWhenUnstable().toNanos());
    }
}
