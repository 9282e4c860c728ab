package io.dvbridge.cmt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The many-to-many associations of a data file ({@code <m2mrelationships>}), imported after its records.
 * Each association's two rows are found in the target: a record of this import through its result (its
 * target row, or no row when it failed), a row of the lookup mapping file by its mapped id, any other row
 * by its own id. The associations the target already has are read, and only the missing ones are sent,
 * so a second import associates nothing.
 *
 * <p>Each association gets a result: entity = the relationship's name as the file has it, recordId =
 * {@code <source id>/<target id>} of the file, targetId = the same pair in the target.
 */
public final class ImportAssociations {

    /** The associations one row already has through one relationship: what the import must read. */
    public record Read(String relationship, String sourceEntity, String sourceRow, String targetEntity) {
    }

    /** One association to make: rows of the target. */
    public record Planned(String relationship, String sourceEntity, String sourceRow, String targetEntity, String targetRow,
                          String recordId) {

        /** Its result once Dataverse made it. */
        public RecordResult associated() {
            return result(this, Outcome.CREATED, "associated");
        }

        /** Its result when Dataverse refused it, with Dataverse's message. */
        public RecordResult failed(String reason) {
            return result(this, Outcome.FAILED, "not associated: " + reason);
        }

        /** Its result when it was made meanwhile (Dataverse answers a duplicate key). */
        public RecordResult alreadyThere() {
            return result(this, Outcome.UNCHANGED, "already associated");
        }
    }

    /** The associations to send, and the results that are final without a write. */
    public record Plan(List<Planned> writes, List<RecordResult> results) {
        public Plan {
            writes = List.copyOf(writes);
            results = List.copyOf(results);
        }
    }

    private final List<CmtM2M> associations;
    private final Set<String> entities = new LinkedHashSet<>();
    private final Map<String, String> lookupMap;
    /** Records of this import by table and id: their target row. */
    private final Map<String, String> rows = new HashMap<>();
    /** Records of this import created by it: a new row has no associations yet, so nothing is read for it. */
    private final Set<String> created = new HashSet<>();
    /** Records of this import that failed: the reason. */
    private final Map<String, String> failed = new HashMap<>();
    /** Relationships the target does not have (or cannot navigate from the source table), by relationship and source table. */
    private final Map<String, String> unavailable = new HashMap<>();
    /** Rows outside this import's records that were looked for in the target, by table and id; and those found. */
    private final Set<String> lookedFor = new HashSet<>();
    private final Set<String> found = new HashSet<>();
    /** Source rows whose associations could not be read: the reason, by relationship and source row. */
    private final Map<String, String> unreadable = new HashMap<>();
    /** What was read: the target rows associated with a source row, by relationship and source row. */
    private final Map<String, Set<String>> existing = new HashMap<>();

    /**
     * @param lookupMap target ids of rows the target knows under another id, keyed by
     *                  {@link StreamingImport#mapKey(String, String)}
     */
    public ImportAssociations(Collection<CmtM2M> associations, Map<String, String> lookupMap) {
        this.associations = List.copyOf(associations);
        this.lookupMap = Map.copyOf(lookupMap);
        for (CmtM2M association : associations) {
            entities.add(association.entity());
            entities.add(association.targetEntity());
        }
    }

    /** How many associations the file has (one per target id). */
    public int size() {
        return associations.stream().mapToInt(a -> a.targetIds().size()).sum();
    }

    public boolean isEmpty() {
        return associations.isEmpty();
    }

    /** The tables on either side of an association. */
    public Set<String> entities() {
        return Set.copyOf(entities);
    }

    /** The relationships, each with its source and target table, as the file names them. */
    public List<CmtM2M> relationships() {
        Map<String, CmtM2M> distinct = new LinkedHashMap<>();
        associations.forEach(a -> distinct.putIfAbsent(a.relationshipName() + "\u0000" + a.entity() + "\u0000" + a.targetEntity(), a));
        return List.copyOf(distinct.values());
    }

    /** Takes a final record result: where the record's row is in the target (only tables with associations are kept). */
    public void recorded(RecordResult result) {
        if (!entities.contains(result.entity())) {
            return;
        }
        String key = key(result.entity(), result.recordId());
        if (result.outcome() == Outcome.FAILED || result.targetId().isEmpty()) {
            failed.put(key, result.message());
            return;
        }
        rows.put(key, result.targetId().get().toLowerCase(Locale.ROOT));
        if (result.outcome() == Outcome.CREATED) {
            created.add(key);
        }
    }

    /** The target cannot take associations of {@code relationship} from {@code sourceEntity}'s rows: each fails with the reason. */
    public void unavailable(String relationship, String sourceEntity, String reason) {
        unavailable.put(relationship + "\u0000" + sourceEntity, reason);
    }

    /**
     * Which rows outside this import's records exist in the target (by table): the rows an association names
     * by its own or its mapped id. One that does not fails its associations in the dry run as in the real run,
     * and none is sent.
     */
    public List<LookupTargetQuery> rowQueries() {
        Map<String, Set<String>> byTable = new LinkedHashMap<>();
        for (CmtM2M association : associations) {
            if (unavailable.containsKey(association.relationshipName() + "\u0000" + association.entity())) {
                continue;
            }
            outside(association.entity(), association.sourceId()).ifPresent(id -> byTable.computeIfAbsent(association.entity(),
                    t -> new LinkedHashSet<>()).add(id));
            for (String targetId : association.targetIds()) {
                outside(association.targetEntity(), targetId).ifPresent(id -> byTable.computeIfAbsent(association.targetEntity(),
                        t -> new LinkedHashSet<>()).add(id));
            }
        }
        List<LookupTargetQuery> queries = new ArrayList<>();
        byTable.forEach((table, ids) -> {
            ids.forEach(id -> lookedFor.add(key(table, id)));
            queries.add(new LookupTargetQuery(table, List.copyOf(ids)));
        });
        return queries;
    }

    /** Rows of {@code table} a {@link #rowQueries()} query found. */
    public synchronized void rowsFound(String table, Collection<String> ids) {
        ids.forEach(id -> found.add(key(table, id)));
    }

    private Optional<String> outside(String entity, String id) {
        String key = key(entity, id);
        return rows.containsKey(key) || failed.containsKey(key) ? Optional.empty() : Optional.of(row(entity, id));
    }

    private boolean missing(String entity, String row) {
        String key = key(entity, row);
        return lookedFor.contains(key) && !found.contains(key);
    }

    /**
     * The rows whose present associations must be read: every source row the target had before this import
     * (rows it created have none). In a dry run, rows it would create are not there to read either.
     */
    public List<Read> reads() {
        Set<Read> reads = new LinkedHashSet<>();
        for (CmtM2M association : associations) {
            if (unavailable.containsKey(association.relationshipName() + "\u0000" + association.entity())) {
                continue;
            }
            String key = key(association.entity(), association.sourceId());
            if (created.contains(key) || failed.containsKey(key) || missing(association.entity(), row(association.entity(), association.sourceId()))) {
                continue;
            }
            reads.add(new Read(association.relationshipName(), association.entity(), row(association.entity(), association.sourceId()),
                    association.targetEntity()));
        }
        return List.copyOf(reads);
    }

    /** The target rows associated with {@code read}'s row now. */
    public synchronized void existing(Read read, Collection<String> targetRows) {
        Set<String> ids = existing.computeIfAbsent(read.relationship() + "\u0000" + read.sourceRow(), k -> new HashSet<>());
        targetRows.forEach(id -> ids.add(id.toLowerCase(Locale.ROOT)));
    }

    /** {@code read}'s row could not be read (e.g. it does not exist): its associations fail with the reason. */
    public synchronized void unreadable(Read read, String reason) {
        unreadable.put(read.relationship() + "\u0000" + read.sourceRow(), reason);
    }

    /**
     * The associations the target lacks, and the results of the others: already there (UNCHANGED), or
     * FAILED when a row failed in this import or the target has no such relationship. In a dry run the
     * missing ones are predicted (CREATED, "to be associated") and none is sent.
     */
    public Plan plan(boolean dryRun) {
        List<Planned> writes = new ArrayList<>();
        List<RecordResult> results = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CmtM2M association : associations) {
            String reason = unavailable.get(association.relationshipName() + "\u0000" + association.entity());
            String sourceFailure = failed.get(key(association.entity(), association.sourceId()));
            String sourceRow = row(association.entity(), association.sourceId());
            Set<String> there = existing.getOrDefault(association.relationshipName() + "\u0000" + sourceRow, Set.of());
            String unread = unreadable.get(association.relationshipName() + "\u0000" + sourceRow);
            for (String targetId : association.targetIds()) {
                String recordId = association.sourceId() + "/" + targetId;
                if (!seen.add(association.relationshipName() + "\u0000" + recordId.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                String targetFailure = failed.get(key(association.targetEntity(), targetId));
                String targetRow = row(association.targetEntity(), targetId);
                Planned planned = new Planned(association.relationshipName(), association.entity(), sourceRow, association.targetEntity(),
                        targetRow, recordId);
                if (reason != null) {
                    results.add(planned.failed(reason));
                } else if (sourceFailure != null) {
                    results.add(failedRecord(planned, association.entity(), association.sourceId(), sourceFailure));
                } else if (missing(association.entity(), sourceRow)) {
                    results.add(planned.failed("the target has no " + association.entity() + " " + sourceRow));
                } else if (missing(association.targetEntity(), targetRow)) {
                    results.add(planned.failed("the target has no " + association.targetEntity() + " " + targetRow));
                } else if (unread != null) {
                    results.add(planned.failed("the associations of " + association.entity() + " " + sourceRow
                            + " could not be read: " + unread));
                } else if (targetFailure != null) {
                    results.add(failedRecord(planned, association.targetEntity(), targetId, targetFailure));
                } else if (there.contains(targetRow)) {
                    results.add(planned.alreadyThere());
                } else if (dryRun) {
                    results.add(result(planned, Outcome.CREATED, "to be associated"));
                } else {
                    writes.add(planned);
                }
            }
        }
        return new Plan(writes, results);
    }

    private static RecordResult failedRecord(Planned planned, String entity, String id, String reason) {
        return new RecordResult(planned.relationship(), planned.recordId(), Optional.empty(), Outcome.FAILED,
                "not associated: record " + entity + " " + id + " failed in this import (" + reason + ")");
    }

    private static RecordResult result(Planned planned, Outcome outcome, String message) {
        return new RecordResult(planned.relationship(), planned.recordId(), Optional.of(planned.sourceRow() + "/" + planned.targetRow()),
                outcome, message);
    }

    /** The row of a file id in the target: this import's record's row, the mapped row, or the same id. */
    private String row(String entity, String id) {
        String key = key(entity, id);
        return Objects.requireNonNullElseGet(rows.get(key),
                () -> lookupMap.getOrDefault(StreamingImport.mapKey(entity, id), id).toLowerCase(Locale.ROOT));
    }

    private static String key(String entity, String id) {
        return entity + "\u0000" + id.toLowerCase(Locale.ROOT);
    }
}
