package io.dvbridge.export;

/**
 * One column of a sink table.
 *
 * @param source the Web API property its value comes from ({@code _x_value}, {@code x}); empty for sink time stamps
 */
public record SinkColumn(String name, ColumnKind kind, int maxLength, String source) {
}
