package org.chemotaxis.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a freshly bound dashboard for its page and its event stream once, over a plain socket,
 * before the training starts. The first request a server handles loads and runs cold the code of
 * request parsing, routing and server-sent events (about half a CPU-second); done here, it does
 * not fall on the training when someone opens the page. Failures only cost the warm-up.
 */
final class WarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    /** How long one request may take before the warm-up gives up. */
    private static final int TIMEOUT_MILLIS = 5_000;

    private WarmUp() {
    }

    static void run(InetSocketAddress bound) {
        InetAddress host = bound.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound.getAddress();
        InetSocketAddress to = new InetSocketAddress(host, bound.getPort());
        try {
            request(to, "/", null);
            // The event stream never ends by itself: read up to the end of its first record (the reset).
            request(to, "/events", "\n\n");
        } catch (IOException e) {
            LOG.debug("no warm-up of the dashboard at {}: {}", to, e.toString());
        }
    }

    /** Sends GET {@code path} and reads the answer to its end, or until {@code until} has been read. */
    private static void request(InetSocketAddress to, String path, String until) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(to, TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            StringBuilder tail = new StringBuilder();
            boolean body = false;
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (until == null) {
                    continue;
                }
                tail.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                if (!body) {
                    int end = tail.indexOf("\r\n\r\n");
                    if (end < 0) {
                        continue;
                    }
                    body = true;
                    tail.delete(0, end + 4);
                }
                if (tail.indexOf(until) >= 0) {
                    return;
                }
                if (tail.length() > 1 << 16) {
                    tail.delete(0, tail.length() - until.length());
                }
            }
        }
    }
}
