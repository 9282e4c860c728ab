package io.dvbridge.auth;

import javax.net.ssl.SSLContext;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes token sources and keeps one per app: one msal4j confidential client (and one token cache)
 * per (authority, client id), one per managed identity, however many environments use it. Asking
 * again for the same app with a different credential is a configuration error.
 */
public final class TokenSourceRegistry {

    private record Entry(Credential credential, TokenSource source) {
    }

    private final Clock clock;
    private final Map<String, Entry> sources = new ConcurrentHashMap<>();

    public TokenSourceRegistry() {
        this(Clock.systemUTC());
    }

    /** @param clock decides when cached tokens are renewed (tests pass a clock they move) */
    public TokenSourceRegistry(Clock clock) {
        this.clock = clock;
    }

    /**
     * The token source of an app registration that authenticates with a client secret or a certificate.
     *
     * @param authority e.g. {@code https://login.microsoftonline.com/<tenant-id>/}
     * @param tls       trust for the authority's host
     * @throws IllegalArgumentException when the credential cannot be used (certificate unreadable, wrong password)
     *                                  or the app is already registered with another credential
     */
    public TokenSource confidentialClient(String authority, String clientId, Credential credential, SSLContext tls) {
        Objects.requireNonNull(tls, "tls");
        if (credential instanceof Credential.ManagedIdentity) {
            throw new IllegalArgumentException("Use managedIdentity(...) for a managed identity");
        }
        String normalized = withTrailingSlash(authority);
        return register(key(normalized, clientId), credential, () -> new CachingTokenSource(
                "TokenSource[authority=" + normalized + ", clientId=" + clientId + ", credential=" + credential.kind() + "]",
                new ConfidentialClientAcquirer(normalized, clientId, credential, tls), clock));
    }

    /** The token source of the host's managed identity (system-assigned, or user-assigned by client id). */
    public TokenSource managedIdentity(Credential.ManagedIdentity identity) {
        String id = identity.userAssignedClientId().orElse("system-assigned");
        return register(key("managed-identity", id), identity, () -> new CachingTokenSource(
                "TokenSource[managedIdentity=" + id + "]", new ManagedIdentityAcquirer(identity), clock));
    }

    private TokenSource register(String key, Credential credential, java.util.function.Supplier<TokenSource> factory) {
        Entry entry = sources.computeIfAbsent(key, k -> new Entry(credential, factory.get()));
        if (!entry.credential().equals(credential)) {
            throw new IllegalArgumentException("App " + key + " is already configured with another " + entry.credential().kind()
                    + " credential; one app must use one credential");
        }
        return entry.source();
    }

    private static String key(String authority, String clientId) {
        return authority.toLowerCase(Locale.ROOT) + "|" + clientId.toLowerCase(Locale.ROOT);
    }

    private static String withTrailingSlash(String authority) {
        return authority.endsWith("/") ? authority : authority + "/";
    }

    @Override
    public String toString() {
        return "TokenSourceRegistry[" + sources.size() + " apps]";
    }
}
