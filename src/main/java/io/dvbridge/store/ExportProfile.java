package io.dvbridge.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A named export profile as the store keeps it: the export job's request (a JSON object, already checked by the
 * job's schema), how often a continuous sync runs, the per-record retry settings and whether it is active.
 */
public record ExportProfile(String name, String request, Duration interval, Duration retryInterval, int retryMax, boolean active,
                            Instant createdAt, Instant updatedAt) {

    public ExportProfile withActive(boolean active, Instant at) {
        return new ExportProfile(name, request, interval, retryInterval, retryMax, active, createdAt, at);
    }
}
