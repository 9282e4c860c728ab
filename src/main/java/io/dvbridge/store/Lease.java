package io.dvbridge.store;

import java.time.Instant;

/**
 * The right of one run to write to one target, e.g. ({@code dataverse-write}, {@code contoso-prod}). Times are
 * the database's, not this process's.
 */
public record Lease(String kind, String target, String runId, String instanceId, Instant acquiredAt, Instant expiresAt) {
}
