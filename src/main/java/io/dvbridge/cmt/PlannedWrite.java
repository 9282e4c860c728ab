package io.dvbridge.cmt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One write the route sends, typically inside a {@code $batch}.
 *
 * <p>Passes: 1 creates and updates records, 2 sets lookups that had to wait for their targets to be
 * created, 3 sets state and status. Run passes in order. Within pass 1, entities come in import
 * order and a record's lookups only point at records of earlier entities (or at records that
 * already exist), so the writes of one entity are independent of each other.
 *
 * @param entity         table logical name
 * @param recordId       the record's id in the file
 * @param targetId       the id the record has (or will have) in the target: the file id, or the id of
 *                       the existing row it matched
 * @param kind           create, update or set state
 * @param pass           1, 2 or 3
 * @param body           Web API JSON body; lookups as {@code nav@odata.bind: "/set(guid)"}
 * @param disablePlugins send {@code MSCRM.BypassCustomPluginExecution: true}
 */
public record PlannedWrite(String entity, String recordId, String targetId, WriteKind kind, int pass,
                           Map<String, Object> body, boolean disablePlugins) {

    public PlannedWrite {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(kind, "kind");
        body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }
}
