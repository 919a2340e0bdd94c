package org.chemotaxis.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Date;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.report.FileProblems;
import org.chemotaxis.runtime.ClusterSetup;

/**
 * A {@code --tls DIR} opened and checked before a node starts, so that a folder no correctly keyed
 * node could talk to is one line and exit 2 at once, naming the file and the problem, instead of
 * a node that starts, waits and never hears why nobody joins: both stores open with the
 * password, the key store holds a private key with its certificate, the trust store at least one
 * certificate, and no certificate has expired or is not yet valid.
 */
final class TlsFolder {

    /** Where the password comes from; a test sets another source. */
    static java.util.function.Function<String, String> environment = System::getenv;

    private TlsFolder() {
    }

    static String password() {
        return environment.apply(ClusterSetup.PASSWORD_ENV);
    }

    /** Checks {@code dir} with the password of the environment; throws {@link BadInputException}. */
    static void check(Path dir) {
        check(dir, password());
    }

    static void check(Path dir, String password) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("--tls " + dir + ": " + (Files.exists(dir) ? "not a folder" : "no such folder")
                    + " (create it with deploy/tls/make-keys.sh)");
        }
        if (password == null || password.isEmpty()) {
            throw new BadInputException("--tls needs the store password in the environment variable "
                    + ClusterSetup.PASSWORD_ENV);
        }
        KeyStore keys = open(dir.resolve(ClusterSetup.KEY_STORE), password);
        KeyStore trust = open(dir.resolve(ClusterSetup.TRUST_STORE), password);
        Path keyFile = dir.resolve(ClusterSetup.KEY_STORE);
        Path trustFile = dir.resolve(ClusterSetup.TRUST_STORE);
        try {
            boolean hasKey = false;
            for (String alias : Collections.list(keys.aliases())) {
                if (keys.isKeyEntry(alias)) {
                    try {
                        keys.getKey(alias, password.toCharArray());
                    } catch (UnrecoverableKeyException e) {
                        throw new BadInputException("TLS key store " + keyFile + ": the key '" + alias
                                + "' does not open with the password in " + ClusterSetup.PASSWORD_ENV);
                    }
                    Certificate[] chain = keys.getCertificateChain(alias);
                    if (chain == null || chain.length == 0) {
                        throw new BadInputException("TLS key store " + keyFile + ": the key '" + alias
                                + "' has no certificate");
                    }
                    for (Certificate c : chain) {
                        valid(c, keyFile);
                    }
                    hasKey = true;
                }
            }
            if (!hasKey) {
                throw new BadInputException("TLS key store " + keyFile + " holds no private key (this node's key and"
                        + " certificate; create it with deploy/tls/make-keys.sh)");
            }
            boolean hasCertificate = false;
            for (String alias : Collections.list(trust.aliases())) {
                Certificate c = trust.getCertificate(alias);
                if (c != null) {
                    valid(c, trustFile);
                    hasCertificate = true;
                }
            }
            if (!hasCertificate) {
                throw new BadInputException("TLS trust store " + trustFile + " holds no certificate (the cluster's CA;"
                        + " create it with deploy/tls/make-keys.sh)");
            }
        } catch (GeneralSecurityException e) {
            throw new BadInputException("TLS stores in " + dir + " cannot be used: " + e.getMessage());
        }
    }

    private static KeyStore open(Path file, String password) {
        FileProblems.requireReadableFile(file, "TLS store");
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            return ks;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new BadInputException("TLS store " + file + " does not open with the password in "
                        + ClusterSetup.PASSWORD_ENV + " (wrong password?)");
            }
            throw new BadInputException("TLS store " + file + " is not a PKCS#12 key store (" + FileProblems.why(e)
                    + ")");
        } catch (GeneralSecurityException e) {
            throw new BadInputException("TLS store " + file + " cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            // the PKCS#12 parser throws unchecked exceptions on some damaged files
            throw new BadInputException("TLS store " + file + " is damaged: " + e);
        }
    }

    private static void valid(Certificate c, Path file) {
        if (c instanceof X509Certificate x) {
            Date now = new Date();
            if (now.after(x.getNotAfter())) {
                throw new BadInputException("TLS store " + file + ": the certificate of " + x.getSubjectX500Principal()
                        + " expired on " + x.getNotAfter().toInstant());
            }
            if (now.before(x.getNotBefore())) {
                throw new BadInputException("TLS store " + file + ": the certificate of " + x.getSubjectX500Principal()
                        + " is not valid before " + x.getNotBefore().toInstant());
            }
        }
    }
}
