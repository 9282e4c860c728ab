package io.dvbridge.sandbox.entra;

import io.dvbridge.sandbox.tls.SelfSignedCertificate;

/** A fixture with one tenant and two apps: one with a secret, one with a certificate. */
public final class SandboxFixtures {

    public static final String TENANT_ID = "8f0c2c4e-1b5a-4c7e-9a57-2d6f3e1a0b11";
    public static final String TENANT_NAME = "contoso";
    public static final String SECRET_APP = "11111111-2222-3333-4444-555555555555";
    public static final String SECRET = "s3cr3t~value.Of-the_secret";
    public static final String CERT_APP = "66666666-7777-8888-9999-000000000000";

    private SandboxFixtures() {
    }

    public static String yaml(SelfSignedCertificate certificate) {
        String pem = io.dvbridge.sandbox.http.Json.escape(certificate.certificatePem());
        return """
                tenants:
                  - id: %s
                    name: %s
                    apps:
                      - clientId: %s
                        name: dvbridge-secret
                        secrets: ["%s"]
                      - clientId: %s
                        name: dvbridge-cert
                        certificates:
                          - pem: "%s"
                environments:
                  - name: contoso-dev
                    tenant: contoso
                """.formatted(TENANT_ID, TENANT_NAME, SECRET_APP, SECRET, CERT_APP, pem);
    }
}
