package io.dvbridge.triggers.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a caller may do through the trigger API. Each permission is one Entra ID app role of the
 * same value, checked literally: roles have no hierarchy in Entra, so {@link #RUN_JOBS} does not
 * include {@link #READ_RUNS}. A client that only starts runs (a release pipeline, another system's
 * scheduler) then cannot read the history of every run and its reports, which hold rows of other
 * environments; a client that starts runs and polls them is assigned both roles.
 */
public enum Permission {
    RUN_JOBS("Jobs.Run"),
    READ_RUNS("Runs.Read");

    private final String role;

    Permission(String role) {
        this.role = role;
    }

    /** The app role value in the token's {@code roles} claim, also the name used in configuration. */
    public String role() {
        return role;
    }

    /** The permission whose role value this is, exactly as Entra compares role values. */
    public static Optional<Permission> ofRole(String role) {
        return Arrays.stream(values()).filter(p -> p.role.equals(role)).findFirst();
    }
}
