package io.dvbridge.auth;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;

import javax.net.ssl.SSLContext;
import java.net.MalformedURLException;
import java.util.Optional;
import java.util.Set;

/**
 * One msal4j confidential client (one authority and client id) asking for app-only tokens. The
 * authority comes from configuration, never from a caller, so instance discovery and authority
 * validation are off: the same code path serves login.microsoftonline.com and the sandbox.
 */
final class ConfidentialClientAcquirer implements TokenAcquirer {

    private final String authority;
    private final String clientId;
    private final Optional<String> secret;
    private final ConfidentialClientApplication app;

    ConfidentialClientAcquirer(String authority, String clientId, Credential credential, SSLContext tls) {
        this.authority = authority;
        this.clientId = clientId;
        IClientCredential msalCredential;
        if (credential instanceof Credential.ClientSecret s) {
            msalCredential = ClientCredentialFactory.createFromSecret(s.secret());
        } else if (credential instanceof Credential.CertificateFile c) {
            msalCredential = ClientCertificates.load(c);
        } else {
            throw new IllegalArgumentException("A managed identity is not a confidential client credential");
        }
        this.secret = credential instanceof Credential.ClientSecret s ? Optional.of(s.secret()) : Optional.empty();
        try {
            this.app = ConfidentialClientApplication.builder(clientId, msalCredential)
                    .authority(authority)
                    .instanceDiscovery(false)
                    .validateAuthority(false)
                    .sslSocketFactory(tls.getSocketFactory())
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Authority " + authority + " is not usable: "
                    + MsalFailures.redact(String.valueOf(e.getMessage()), secret));
        }
    }

    @Override
    public AccessToken acquire(String scope) {
        // skipCache: our CachingTokenSource decides reuse; msal4j's own cache would hide invalidate().
        ClientCredentialParameters parameters = ClientCredentialParameters.builder(Set.of(scope)).skipCache(true).build();
        try {
            IAuthenticationResult result = app.acquireToken(parameters).get();
            return new AccessToken(result.accessToken(), result.expiresOnDate().toInstant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MsalFailures.translate(e, authority, clientId, scope, secret);
        } catch (Exception e) {
            throw MsalFailures.translate(e, authority, clientId, scope, secret);
        }
    }
}
