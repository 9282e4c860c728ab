package io.dvbridge.jobs;

import io.dvbridge.cmt.CmtLimits;
import org.apache.camel.spi.PropertiesComponent;

import java.util.Optional;

/** The data.zip limits ({@code dvbridge.cmt.*} in config/application.properties); a key left out keeps its default. */
final class ConfiguredLimits {

    private ConfiguredLimits() {
    }

    static CmtLimits of(PropertiesComponent properties) {
        CmtLimits defaults = CmtLimits.DEFAULTS;
        try {
            return new CmtLimits(
                    number(properties, CmtLimits.MAX_DATA_BYTES).orElse(defaults.maxDataBytes()),
                    Math.toIntExact(number(properties, CmtLimits.MAX_ENTRIES).orElse((long) defaults.maxEntries())),
                    Math.toIntExact(number(properties, CmtLimits.MAX_VALUE_LENGTH).orElse((long) defaults.maxValueLength())),
                    number(properties, CmtLimits.MAX_RECORDS).orElse(defaults.maxRecords()));
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new IllegalStateException("The " + CmtLimits.KEY_PREFIX + "* limits in configuration are not usable: "
                    + e.getMessage() + " (see config/application.properties)", e);
        }
    }

    private static Optional<Long> number(PropertiesComponent properties, String key) {
        Optional<String> text = properties.resolveProperty(key).map(String::strip).filter(v -> !v.isEmpty());
        try {
            return text.map(v -> Long.parseLong(v.replace("_", "")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + text.orElse("") + "'");
        }
    }
}
