package io.dvbridge.sandbox.entra;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An app registration as the sandbox's Entra ID holds it: the tenant it lives in, the secrets it
 * accepts and the certificates whose keys may sign its client assertions. {@link #toString()} shows
 * neither secrets nor certificates.
 */
record RegisteredApp(String tenantId, String clientId, String name, List<String> secrets,
                     List<RegisteredCertificate> certificates) {

    RegisteredApp {
        secrets = List.copyOf(secrets);
        certificates = List.copyOf(certificates);
    }

    /** A registered certificate with the thumbprints a client assertion header may name it by. */
    record RegisteredCertificate(X509Certificate certificate, String x5t, String x5tS256) {
    }

    @Override
    public String toString() {
        return "RegisteredApp[tenantId=" + tenantId + ", clientId=" + clientId + ", name=" + name + ", secrets="
                + secrets.size() + ", certificates=" + certificates.size() + "]";
    }
}
