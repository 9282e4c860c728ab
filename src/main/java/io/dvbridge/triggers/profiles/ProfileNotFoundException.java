package io.dvbridge.triggers.profiles;

/** No profile of that name, in configuration or the state store (404). */
public final class ProfileNotFoundException extends RuntimeException {

    public ProfileNotFoundException(String name) {
        super("No export profile '" + name + "'");
    }
}
