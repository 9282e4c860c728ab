package io.dvbridge.sandbox.entra;

import java.time.Instant;

/** The claims of an access token the sandbox issued and has just verified. */
public record VerifiedToken(String tenantId, String appId, String audience, Instant expiresAt) {
}
