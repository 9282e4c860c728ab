package io.dvbridge.push;

import java.util.List;

/**
 * A table a lookup column may point to, and how a write binds it: {@code <navigationProperty>@odata.bind}
 * with {@code /<entitySetName>(<id>)}. {@code keyColumns} are the target's single-column alternate keys, by
 * which a source may name a row instead of its GUID.
 */
public record LookupTarget(String table, String entitySetName, String primaryId, String navigationProperty,
                           List<String> keyColumns) {

    public LookupTarget {
        keyColumns = List.copyOf(keyColumns);
    }
}
