package io.dvbridge.export;

import java.util.UUID;

/**
 * One record ready for a sink: its values in the layout's column order, its id and version.
 */
public record SinkRow(UUID id, long version, Object[] values) {
}
