package io.dvbridge.sandbox.powerbi;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Power BI ids: lower-case GUIDs. Derived ids are name-based so a fixture yields the same ids every run. */
final class PowerBiIds {

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private PowerBiIds() {
    }

    static boolean isGuid(String value) {
        return value != null && GUID.matcher(value).matches();
    }

    /** The canonical form of a GUID as the API returns it, or empty when it is no GUID. */
    static Optional<String> parse(String value) {
        return isGuid(value) ? Optional.of(value.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    static String derived(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("/", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String random() {
        return UUID.randomUUID().toString();
    }
}
