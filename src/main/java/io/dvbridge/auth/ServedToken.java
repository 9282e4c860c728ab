package io.dvbridge.auth;

/** A token as a source handed it out: from its cache, or fetched from the authority for this call. */
public record ServedToken(AccessToken token, boolean fromCache) {
}
