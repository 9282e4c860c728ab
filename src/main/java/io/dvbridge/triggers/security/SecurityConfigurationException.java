package io.dvbridge.triggers.security;

/**
 * The API's security settings cannot be used as given: a malformed property, a key too short, a
 * generated-key file others may read, a bind beyond loopback without the settings it needs. The
 * message names the property or file and what to do; it never contains a key.
 */
public final class SecurityConfigurationException extends RuntimeException {

    public SecurityConfigurationException(String message) {
        super(message);
    }

    public SecurityConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
