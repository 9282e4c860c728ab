package io.dvbridge.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How log events are written to stderr: {@code text} (a line for people) or {@code json} (one JSON object per line,
 * with the run id, for log collectors). Chosen by {@code --log-format} or {@code DVBRIDGE_LOG_FORMAT} before logging
 * starts: log4j2.xml reads the system property {@value #PROPERTY}.
 */
enum LogFormat {
    text, json;

    static final String PROPERTY = "dvbridge.log.format";
    static final String ENVIRONMENT = "DVBRIDGE_LOG_FORMAT";
    static final String OPTION = "--log-format";

    /**
     * The format the command line asks for, else the environment's; a value that is neither is left to the
     * command line's own parsing (which names the option) or refused here for the environment variable.
     *
     * @throws IllegalArgumentException when {@code DVBRIDGE_LOG_FORMAT} names no format
     */
    static Optional<LogFormat> chosen(String[] args, Map<String, String> environment) {
        for (int i = 0; i < args.length; i++) {
            String value = args[i].startsWith(OPTION + "=") ? args[i].substring(OPTION.length() + 1)
                    : args[i].equals(OPTION) && i + 1 < args.length ? args[i + 1] : null;
            if (value != null) {
                return parse(value);
            }
        }
        String fromEnvironment = environment.get(ENVIRONMENT);
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parse(fromEnvironment).orElseThrow(() -> new IllegalArgumentException(
                ENVIRONMENT + "=" + fromEnvironment + " names no log format; use text or json")));
    }

    private static Optional<LogFormat> parse(String value) {
        try {
            return Optional.of(valueOf(value.strip().toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
