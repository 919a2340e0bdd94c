package org.chemotaxis.runtime;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/** The trust store's own checks, with a refusal named by the certificate and logged once (TlsRefusals). */
final class ReportingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager inner;
    private final TlsRefusals refusals;

    ReportingTrustManager(X509ExtendedTrustManager inner, TlsRefusals refusals) {
        this.inner = inner;
        this.refusals = refusals;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            inner.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw refuse(chain, e, "a node");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            inner.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw refuse(chain, e, engine == null || engine.getPeerHost() == null ? "a node"
                    : "node " + engine.getPeerHost() + ":" + engine.getPeerPort());
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            inner.checkClientTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw refuse(chain, e, "a node");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            inner.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw refuse(chain, e, "a node");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            inner.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            throw refuse(chain, e, "a node");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            inner.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw refuse(chain, e, "a node");
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return inner.getAcceptedIssuers();
    }

    private CertificateException refuse(X509Certificate[] chain, CertificateException e, String peer) {
        TlsRefusals.NotTrusted refusal = TlsRefusals.notTrusted(chain, e);
        refusals.refusedCertificate(peer, refusal);
        return refusal;
    }
}
