package org.chemotaxis.runtime;

import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.JoinSeedNodes;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chemotaxis.config.BadInputException;

/**
 * The settings of a cluster node: provider, address, role and, when asked for, Artery over TLS
 * with mutual authentication. Everything binds to 127.0.0.1 unless a host is given.
 */
public final class ClusterSetup {

    /** The actor system name that every node of a training cluster shares. */
    public static final String SYSTEM = "chemotaxis";

    /** Key store (this node's certificate and key) and trust store (the cluster's CA) in a TLS folder. */
    public static final String KEY_STORE = "node.p12";
    public static final String TRUST_STORE = "trust.p12";
    /** Where the store password comes from; deploy/tls/make-keys.sh uses the same variable. */
    public static final String PASSWORD_ENV = "CHEMOTAXIS_TLS_PASSWORD";

    private ClusterSetup() {
    }

    /**
     * @param host bind and advertised host
     * @param port 0 for any free port
     * @param role trainer, worker or observer
     * @param tls  null, or a folder with {@link #KEY_STORE} and {@link #TRUST_STORE}
     */
    public static Config node(String host, int port, String role, Path tls, String tlsPassword, Config base) {
        Config c = ConfigFactory.empty()
                .withValue("akka.actor.provider", ConfigValueFactory.fromAnyRef("cluster"))
                .withValue("akka.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host))
                .withValue("akka.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port))
                .withValue("akka.cluster.roles", ConfigValueFactory.fromIterable(List.of(role)));
        if (tls != null) {
            Path keys = tls.resolve(KEY_STORE);
            Path trust = tls.resolve(TRUST_STORE);
            for (Path p : List.of(keys, trust)) {
                if (!Files.isRegularFile(p)) {
                    throw new BadInputException("TLS store not found: " + p + " (create it with deploy/tls/make-keys.sh)");
                }
            }
            if (tlsPassword == null || tlsPassword.isEmpty()) {
                throw new BadInputException("TLS needs the store password in the environment variable " + PASSWORD_ENV);
            }
            String engine = "akka.remote.artery.ssl.config-ssl-engine.";
            c = c.withValue("akka.remote.artery.transport", ConfigValueFactory.fromAnyRef("tls-tcp"))
                    .withValue("akka.remote.artery.ssl.ssl-engine-provider",
                            ConfigValueFactory.fromAnyRef(ReportingSslEngineProvider.class.getName()))
                    .withValue(engine + "key-store", ConfigValueFactory.fromAnyRef(keys.toAbsolutePath().toString()))
                    .withValue(engine + "trust-store", ConfigValueFactory.fromAnyRef(trust.toAbsolutePath().toString()))
                    .withValue(engine + "key-store-password", ConfigValueFactory.fromAnyRef(tlsPassword))
                    .withValue(engine + "key-password", ConfigValueFactory.fromAnyRef(tlsPassword))
                    .withValue(engine + "trust-store-password", ConfigValueFactory.fromAnyRef(tlsPassword))
                    .withValue(engine + "protocol", ConfigValueFactory.fromAnyRef("TLSv1.3"))
                    .withValue(engine + "enabled-algorithms",
                            ConfigValueFactory.fromIterable(List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256")))
                    .withValue(engine + "require-mutual-authentication", ConfigValueFactory.fromAnyRef(true))
                    .withValue(engine + "hostname-verification", ConfigValueFactory.fromAnyRef(false));
        }
        return c.withFallback(base);
    }

    /** "HOST:PORT" of a seed node as an Akka address; a bad form is a {@link BadInputException}. */
    public static Address seed(String hostPort) {
        int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new BadInputException("--join must be HOST:PORT, but was '" + hostPort + "'");
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new BadInputException("--join must be HOST:PORT with a numeric port, but was '" + hostPort + "'");
        }
        if (port <= 0 || port > 65535) {
            throw new BadInputException("--join port must be in 1..65535, but was " + port);
        }
        String protocol = "akka";
        return new Address(protocol, SYSTEM, hostPort.substring(0, colon), port);
    }

    /** Joins the cluster through {@code seed} (the trainer joins itself). */
    public static void join(ActorSystem<?> system, Address seed) {
        Cluster.get(system).manager().tell(new JoinSeedNodes(List.of(seed)));
    }

    /** This node's own address. */
    public static Address self(ActorSystem<?> system) {
        return Cluster.get(system).selfMember().address();
    }

    /** True when the system runs with the cluster provider. */
    public static boolean isCluster(ActorSystem<?> system) {
        return "cluster".equals(system.settings().config().getString("akka.actor.provider"));
    }
}
