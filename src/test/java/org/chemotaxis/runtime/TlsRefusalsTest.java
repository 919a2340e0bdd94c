package org.chemotaxis.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** How refused TLS handshakes are said: one line per kind, at most once a minute with the repeats counted. */
class TlsRefusalsTest {

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();
    private final TlsRefusals refusals = new TlsRefusals(lines::add, clock::get);

    @Test
    void eachKindOfFailureHasItsLine() {
        refusals.failed("a node", false, new SSLHandshakeException("Unsupported or unrecognized SSL message"));
        refusals.failed("a node", false, new SSLHandshakeException("Empty client certificate chain"));
        refusals.failed("node 10.0.0.1:2551", true, new SSLHandshakeException("Received fatal alert: bad_certificate"));
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new TlsRefusals.NotTrusted("certificate CN=x", null));
        refusals.failed("a node", false, untrusted);
        assertEquals(List.of(
                "TLS: refused a node: it does not speak TLS (a node started without --tls?)",
                "TLS: refused a node: it presented no certificate signed by a CA in this node's trust store"
                        + " (its certificate comes from another CA)",
                "TLS: node 10.0.0.1:2551 refused this node (bad_certificate): is this node's certificate signed by the"
                        + " cluster's CA?"), lines, "an untrusted certificate is said where it is found, not twice");
    }

    @Test
    void theSameLineComesOnceAMinuteWithItsRepeats() {
        String line = "TLS: refused a node: it does not speak TLS (a node started without --tls?)";
        for (int i = 0; i < 5; i++) {
            clock.addAndGet(1_000_000_000L);
            refusals.log(line);
        }
        assertEquals(List.of(line), lines);
        clock.addAndGet(TlsRefusals.WINDOW_NANOS);
        refusals.log(line);
        assertEquals(line + " (4 more since 64 s ago)", lines.get(1));
        clock.addAndGet(TlsRefusals.WINDOW_NANOS);
        refusals.log(line);
        assertEquals(line, lines.get(2), "no repeats in between: the plain line");
        refusals.log("TLS: another line");
        assertEquals(4, lines.size());
    }
}
