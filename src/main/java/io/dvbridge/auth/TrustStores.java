package io.dvbridge.auth;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * TLS contexts for calling Entra ID, Dataverse and Power BI. Every context verifies certificates;
 * an extra PEM file adds CAs (e.g. the sandbox's self-signed certificate or a corporate proxy's CA)
 * to those the JVM already trusts.
 */
public final class TrustStores {

    private TrustStores() {
    }

    /** The JVM's default context (its cacerts, or what javax.net.ssl.trustStore names). */
    public static SSLContext jvmDefault() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JVM has no default TLS context", e);
        }
    }

    /**
     * A context trusting the JVM's default CAs plus every certificate in {@code pemFile}.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
     */
    public static SSLContext withExtraTrust(Path pemFile) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : defaultTrustManager().getAcceptedIssuers()) {
                store.setCertificateEntry("jvm-" + n++, ca);
            }
            int extra = 0;
            for (Certificate c : readPem(pemFile)) {
                store.setCertificateEntry("extra-" + extra++, c);
            }
            if (extra == 0) {
                throw new IllegalArgumentException("Trust file " + pemFile + " holds no PEM certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Cannot build a trust store from " + pemFile + ": " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> readPem(Path pemFile) throws IOException, GeneralSecurityException {
        if (!Files.isReadable(pemFile)) {
            throw new IllegalArgumentException("Trust file " + pemFile + " does not exist or cannot be read");
        }
        try (InputStream in = Files.newInputStream(pemFile)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (var manager : tmf.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("The JVM has no X.509 trust manager");
    }
}
