package io.dvbridge.push;

/** One allowed value of a choice column and its label. */
public record Choice(int value, String label) {
}
