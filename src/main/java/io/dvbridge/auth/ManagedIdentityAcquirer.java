package io.dvbridge.auth;

import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;

import java.util.Optional;

/**
 * Tokens from the managed identity of the Azure host (App Service, Functions, VM, Arc, ...) through
 * msal4j. Managed identity asks for a resource, not a scope, so {@code /.default} is dropped.
 */
final class ManagedIdentityAcquirer implements TokenAcquirer {

    private final String identity;
    private final ManagedIdentityApplication app;

    ManagedIdentityAcquirer(Credential.ManagedIdentity credential) {
        Optional<String> clientId = credential.userAssignedClientId();
        this.identity = clientId.map(id -> "user-assigned managed identity " + id).orElse("system-assigned managed identity");
        this.app = ManagedIdentityApplication.builder(clientId.map(ManagedIdentityId::userAssignedClientId)
                .orElseGet(ManagedIdentityId::systemAssigned)).build();
    }

    static String resourceOf(String scope) {
        return scope.endsWith("/.default") ? scope.substring(0, scope.length() - "/.default".length()) : scope;
    }

    @Override
    public AccessToken acquire(String scope) {
        try {
            IAuthenticationResult result = app.acquireTokenForManagedIdentity(
                    ManagedIdentityParameters.builder(resourceOf(scope)).build()).get();
            return new AccessToken(result.accessToken(), result.expiresOnDate().toInstant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MsalFailures.translate(e, "managed identity endpoint", identity, scope, Optional.empty());
        } catch (Exception e) {
            throw MsalFailures.translate(e, "managed identity endpoint", identity, scope, Optional.empty());
        }
    }
}
