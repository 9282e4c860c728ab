package io.dvbridge.triggers.profiles;

import io.dvbridge.jobs.InvalidRequestException;
import io.dvbridge.jobs.RequestField;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** A profile's periods: {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT15M}). */
final class ProfileDurations {

    private ProfileDurations() {
    }

    static Duration parse(String field, String text, Duration min) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Duration duration;
        try {
            if (value.matches("\\d{1,9}[smhd]")) {
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                duration = switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } else {
                duration = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidRequestException(field, "'" + field + "' must be a period such as 90s, 15m, 2h, 1d or PT15M, not '"
                    + RequestField.printable(text) + "'");
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(Duration.ofDays(365)) > 0) {
            throw new InvalidRequestException(field, "'" + field + "' must be between " + min.toSeconds() + " seconds and 365 days, not "
                    + duration);
        }
        // the store keeps whole seconds
        if (duration.getNano() != 0) {
            throw new InvalidRequestException(field, "'" + field + "' must be a whole number of seconds");
        }
        return duration;
    }
}
