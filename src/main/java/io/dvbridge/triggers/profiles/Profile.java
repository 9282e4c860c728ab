package io.dvbridge.triggers.profiles;

import java.time.Instant;

/** A profile as the API shows it: its definition, where it is kept (configuration or the state store) and when it changed. */
public record Profile(ProfileDefinition definition, boolean configured, Instant createdAt, Instant updatedAt) {

    public String name() {
        return definition.name();
    }
}
