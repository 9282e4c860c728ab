package io.dvbridge.jobs;

/** Regular expressions request fields share. */
public final class Patterns {

    public static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    public static final String RUN_ID = "[a-z]+-\\d{8}-\\d{6}-[0-9a-f]{6}";

    private Patterns() {
    }
}
