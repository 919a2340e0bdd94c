package org.chemotaxis.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import akka.actor.Address;

/**
 * Is anything listening at the trainer's address? Asked before an observer starts its actor
 * system: otherwise a wrong address shows only as many seconds of the cluster's retry warnings
 * before the join gives up. (Artery runs over TCP, so a refused connection means nobody is there.)
 */
final class TrainerProbe {

    private static final int TIMEOUT_MS = 3000;

    private TrainerProbe() {
    }

    /** Null when something answers, else the reason why not. */
    static String unreachable(Address seed) {
        String host = seed.getHost().get();
        int port = (Integer) seed.getPort().get();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            return null;
        } catch (IOException e) {
            return "nothing answers at " + host + ":" + port + " (" + e.getMessage() + "): is a trainer running there"
                    + " with --cluster --port " + port + "?";
        }
    }
}
