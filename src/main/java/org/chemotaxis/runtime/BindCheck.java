package org.chemotaxis.runtime;

import com.typesafe.config.Config;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.chemotaxis.config.BadInputException;

/**
 * Safe defaults on a network: a cluster port bound to anything but loopback without TLS is open
 * to whoever can reach it (join, receive the parameters, send results), so it is refused unless
 * the user says {@code --insecure}; then a warning says so at every start. With TLS, or on
 * loopback, nothing is said.
 */
public final class BindCheck {

    private static final String BIND = "akka.remote.artery.bind.hostname";

    private BindCheck() {
    }

    /**
     * @param host     the node's {@code --host}
     * @param tls      whether {@code --tls} was given
     * @param insecure whether {@code --insecure} was given
     * @param base     the Akka settings the node starts from (a bind address set there wins over {@code host})
     * @return the warning to log when the port is open by choice; empty when it is safe
     * @throws BadInputException when the port would be open to the network without TLS or {@code --insecure}
     */
    public static Optional<String> check(String host, boolean tls, boolean insecure, Config base) {
        if (tls) {
            return Optional.empty();
        }
        String bind = base.hasPath(BIND) && !base.getString(BIND).isBlank() ? base.getString(BIND) : host;
        String named = bind.equals(host) ? "--host " + host : BIND + "=" + bind;
        if (isLoopback(bind)) {
            return Optional.empty();
        }
        if (!insecure) {
            throw new BadInputException(named + " opens the cluster port to the network without TLS (anyone who can "
                    + "reach it could join, read the parameters and send results): give --tls DIR "
                    + "(deploy/tls/make-keys.sh), or --insecure on a network you trust");
        }
        return Optional.of("the cluster port on " + bind + " is open without TLS (--insecure): anyone who can reach "
                + "it can join, read the parameters and send results");
    }

    /** Loopback by name or address; a name that does not resolve is taken for a network address. */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /** Logs the warning of {@link #check}. */
    public static void warn(String warning) {
        org.slf4j.LoggerFactory.getLogger("chemotaxis").warn(warning);
    }
}
