package org.chemotaxis.runtime;

import akka.actor.ActorSystem;
import akka.remote.artery.tcp.ConfigSSLEngineProvider;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Akka's TLS engine provider for {@code --tls} (key and trust store from the config), with refused
 * handshakes reported in one line each on the node that refuses ({@link TlsRefusals}): a
 * certificate from another CA (named by subject and issuer), a peer without TLS, a peer that
 * refused this node. Set as {@code akka.remote.artery.ssl.ssl-engine-provider} by
 * {@link ClusterSetup}.
 */
public final class ReportingSslEngineProvider extends ConfigSSLEngineProvider {

    private final TlsRefusals refusals = new TlsRefusals(
            line -> org.slf4j.LoggerFactory.getLogger("chemotaxis").warn(line), System::nanoTime);

    public ReportingSslEngineProvider(ActorSystem system) {
        super(system);
    }

    @Override
    public TrustManager[] trustManagers() {
        TrustManager[] managers = super.trustManagers();
        TrustManager[] out = new TrustManager[managers.length];
        for (int i = 0; i < managers.length; i++) {
            out[i] = managers[i] instanceof X509ExtendedTrustManager x ? new ReportingTrustManager(x, refusals) : managers[i];
        }
        return out;
    }

    @Override
    public SSLEngine createServerSSLEngine(String hostname, int port) {
        // Akka gives the server engine this node's own address: the peer is unknown here.
        return new ReportingSslEngine(super.createServerSSLEngine(hostname, port), refusals, "a node");
    }

    @Override
    public SSLEngine createClientSSLEngine(String hostname, int port) {
        return new ReportingSslEngine(super.createClientSSLEngine(hostname, port), refusals, "node " + hostname + ":" + port);
    }
}
