package io.dvbridge.auth;

/** Asks Entra ID for a fresh token for one scope, bypassing every cache. */
@FunctionalInterface
interface TokenAcquirer {

    /** @throws AuthenticationException when no token was given */
    AccessToken acquire(String scope);
}
