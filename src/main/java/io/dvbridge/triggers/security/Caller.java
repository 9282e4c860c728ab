package io.dvbridge.triggers.security;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who made a request, once authenticated: the configured name of an API key, or the client id of
 * an Entra ID token's application; never a secret. {@code kind} is {@value #API_KEY} or
 * {@value #ENTRA}.
 */
public record Caller(String name, String kind, Set<Permission> permissions) {

    public static final String API_KEY = "api-key";
    public static final String ENTRA = "entra";

    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }

    /** {@code kind:name}, the form audit lines use. */
    public String label() {
        return kind + ":" + name;
    }
}
