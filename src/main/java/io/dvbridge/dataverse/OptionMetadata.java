package io.dvbridge.dataverse;

/** One allowed value of a choice column and its label in the caller's language (empty when none). */
public record OptionMetadata(int value, String label) {
}
