package org.chemotaxis.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Optional;
import org.chemotaxis.config.BadInputException;
import org.junit.jupiter.api.Test;

/** A cluster port open to the network needs TLS or an explicit --insecure; loopback needs neither. */
class BindCheckTest {

    private static final Config BASE = ConfigFactory.load();

    @Test
    void loopbackNeedsNothing() {
        for (String host : new String[] {"127.0.0.1", "127.0.0.5", "localhost", "::1"}) {
            assertEquals(Optional.empty(), BindCheck.check(host, false, false, BASE), host);
            assertEquals(Optional.empty(), BindCheck.check(host, false, true, BASE), "no warning on loopback: " + host);
        }
    }

    @Test
    void aNetworkAddressWithoutTlsIsRefusedNamingBothWaysOut() {
        for (String host : new String[] {"10.1.2.3", "0.0.0.0", "no-such-host.invalid"}) {
            BadInputException e = assertThrows(BadInputException.class, () -> BindCheck.check(host, false, false, BASE));
            assertTrue(e.getMessage().startsWith("--host " + host + " opens the cluster port to the network without TLS"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("--tls DIR") && e.getMessage().contains("--insecure"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"));
        }
    }

    @Test
    void insecureOpensItWithAWarningAndTlsWithout() {
        Optional<String> warning = BindCheck.check("10.1.2.3", false, true, BASE);
        assertEquals(Optional.of("the cluster port on 10.1.2.3 is open without TLS (--insecure): anyone who can reach "
                + "it can join, read the parameters and send results"), warning);
        assertEquals(Optional.empty(), BindCheck.check("10.1.2.3", true, false, BASE));
        assertEquals(Optional.empty(), BindCheck.check("10.1.2.3", true, true, BASE));
    }

    @Test
    void aBindAddressInTheAkkaSettingsIsWhatCounts() {
        Config anyInterface = ConfigFactory.parseString("akka.remote.artery.bind.hostname = \"0.0.0.0\"").withFallback(BASE);
        BadInputException e = assertThrows(BadInputException.class,
                () -> BindCheck.check("127.0.0.1", false, false, anyInterface));
        assertTrue(e.getMessage().startsWith("akka.remote.artery.bind.hostname=0.0.0.0 opens the cluster port"),
                e.getMessage());
        Config loopback = ConfigFactory.parseString("akka.remote.artery.bind.hostname = \"127.0.0.1\"").withFallback(BASE);
        assertEquals(Optional.empty(), BindCheck.check("trainer.example", false, false, loopback),
                "advertised elsewhere, bound to loopback (behind a proxy): closed");
    }
}
