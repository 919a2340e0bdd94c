package org.chemotaxis.runtime;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;

/**
 * Refused TLS handshakes, said in one clear line on the node that refuses (Akka itself logs
 * nothing there, and only a stack of retries on the refused side). A peer retries every second
 * or so on several streams, so each distinct line is logged once a minute at most, with the
 * number of repeats since.
 */
final class TlsRefusals {

    /** A certificate this node does not trust: thrown by the trust manager, named by its subject and issuer. */
    static final class NotTrusted extends CertificateException {
        NotTrusted(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final long WINDOW_NANOS = 60_000_000_000L;

    private final Consumer<String> out;
    private final LongSupplier clock;
    private final Map<String, long[]> seen = new HashMap<>();

    TlsRefusals(Consumer<String> out, LongSupplier clock) {
        this.out = out;
        this.clock = clock;
    }

    /** The refusal of an untrusted certificate (the trust manager's side). */
    static NotTrusted notTrusted(X509Certificate[] chain, CertificateException cause) {
        String subject = chain == null || chain.length == 0 ? "(none)" : chain[0].getSubjectX500Principal().getName();
        String issuer = chain == null || chain.length == 0 ? "(none)" : chain[0].getIssuerX500Principal().getName();
        return new NotTrusted("certificate " + subject + " (issued by " + issuer
                + ") is not signed by a CA in this node's trust store", cause);
    }

    /** Logs a refused certificate of {@code peer} ("a node" when its address is unknown). */
    void refusedCertificate(String peer, NotTrusted e) {
        log("TLS: refused " + peer + ": its " + e.getMessage());
    }

    /**
     * Logs a handshake that failed on {@code peer} ("a connection" when unknown) for another reason
     * than an untrusted certificate (that one is logged where it is found, with the certificate).
     */
    void failed(String peer, boolean client, SSLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NotTrusted) {
                return;
            }
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("Received fatal alert")) {
            String alert = m.substring(m.indexOf("Received fatal alert") + "Received fatal alert".length()).replace(":", "").trim();
            log("TLS: " + peer + " refused this node (" + alert + "): is this node's certificate signed by the cluster's CA?");
        } else if (m.contains("plaintext") || m.contains("Unsupported or unrecognized SSL message")) {
            log("TLS: refused " + peer + ": it does not speak TLS (a node started without --tls?)");
        } else if (m.contains("Empty client certificate chain") || m.contains("Empty server certificate chain")) {
            // TLS 1.3 names the CAs this node trusts; a peer without a certificate of one of them sends none.
            log("TLS: refused " + peer + ": it presented no certificate signed by a CA in this node's trust store"
                    + " (its certificate comes from another CA)");
        } else if (!client || m.contains("handshake") || m.contains("certificate")) {
            log("TLS: the handshake with " + peer + " failed: " + m);
        }
    }

    /** Logs a line unless the same line was logged less than a minute ago (then it is counted). */
    synchronized void log(String line) {
        long now = clock.getAsLong();
        long[] s = seen.get(line);
        if (s == null) {
            seen.put(line, new long[] {now, 0});
            out.accept(line);
        } else if (now - s[0] >= WINDOW_NANOS) {
            out.accept(s[1] == 0 ? line : line + " (" + s[1] + " more since " + (now - s[0]) / 1_000_000_000L + " s ago)");
            s[0] = now;
            s[1] = 0;
        } else {
            s[1]++;
        }
    }
}
