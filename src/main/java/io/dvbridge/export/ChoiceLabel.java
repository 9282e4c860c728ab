package io.dvbridge.export;

/**
 * A label of a choice, state or status value, for the option-set metadata tables.
 *
 * @param kind {@code option}, {@code state} or {@code status}
 */
public record ChoiceLabel(String column, String kind, int value, String label, int languageCode) {
}
