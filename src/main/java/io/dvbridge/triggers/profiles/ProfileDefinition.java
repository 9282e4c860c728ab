package io.dvbridge.triggers.profiles;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;

/**
 * What a person defines for a profile: its name, the export job's request (JSON, as {@code POST /api/jobs/export}
 * takes it), the period of its continuous sync, the per-record retry settings and whether it runs.
 */
public record ProfileDefinition(String name, ObjectNode request, Duration interval, Duration retryInterval, int retryMax,
                                boolean active) {

    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]{0,62}";
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);
    /** The Data Export Service's defaults: a failed record is tried again every 5 minutes, 12 times. */
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMinutes(5);
    public static final int DEFAULT_RETRY_MAX = 12;
    public static final int MAX_RETRY_MAX = 1000;
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    public ProfileDefinition withActive(boolean active) {
        return new ProfileDefinition(name, request, interval, retryInterval, retryMax, active);
    }
}
