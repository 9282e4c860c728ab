package io.dvbridge.auth;

/** Supplies bearer tokens for one configured credential (one tenant authority and client id). */
public interface TokenSource {

    /** A token for {@code scope} (e.g. {@code https://org.crm.dynamics.com/.default}), cached until near expiry. */
    AccessToken token(String scope);

    /** As {@link #token}, saying whether the token came from a cache; a source that keeps none fetches every time. */
    default ServedToken serve(String scope) {
        return new ServedToken(token(scope), false);
    }

    /** Forgets the cached token for {@code scope}: the resource refused it (401), so the next call fetches anew. */
    void invalidate(String scope);
}
