package io.dvbridge.push;

import java.util.List;

/** An alternate key of the target table: its logical name and its columns. */
public record TableKey(String name, List<String> columns) {

    public TableKey {
        columns = List.copyOf(columns);
    }
}
