package io.dvbridge.cmt;

import java.time.Instant;
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
import java.util.TreeSet;
import java.util.UUID;

/**
 * The import of a whole data.zip in bounded chunks ({@link ImportChunks}), so memory stays flat as the
 * file grows. Each chunk is matched, planned and written before the next is read:
 *
 * <ol>
 *   <li>{@link ChunkWork#firstQueries()}: the chunk's record ids, and the lookup targets outside the chunk;</li>
 *   <li>{@link ChunkWork#secondQueries()}: updateCompare and primary-name matches, only for records the id
 *       did not find;</li>
 *   <li>{@link ChunkWork#plan()}: the {@link ImportPlanner} decides on the chunk. A lookup to a record that
 *       is neither in the chunk nor (yet) in the target is taken out of the record and deferred, keyed by
 *       ids only; {@link #deferredQueries()} and {@link #planDeferred} bind it after every chunk ran, or
 *       fail the record when its target never appeared.</li>
 * </ol>
 *
 * Across chunks only small things are kept: the ids of records matched under another id (remapped
 * lookups), the deferred lookups, the results of records waiting for them, and, per entity, the record
 * ids seen and the target row ids claimed so far (as {@link UUID}s: about 80 bytes each, so 4 MB per
 * 50,000 records). With those a record id repeated in a later chunk, or a record of a later chunk
 * matching a target row an earlier record already matched, is FAILED instead of writing the row twice.
 */
public final class StreamingImport {

    private final CmtSchema schema;
    private final Optional<Instant> timestamp;
    private final ImportPlanner planner;
    private final WebApiNames names;
    private final Map<String, String> remapped = new HashMap<>();
    private final Map<String, List<Deferred>> deferred = new LinkedHashMap<>();
    private final Map<String, RecordResult> waiting = new LinkedHashMap<>();
    private final List<String> notices = new ArrayList<>();
    private final Map<String, Set<Object>> seenIds = new HashMap<>();
    private final Map<String, Set<Object>> claimedRows = new HashMap<>();
    private final Map<String, String> lookupMap;
    /** Schema entities whose every chunk was imported: a lookup to one of their ids not in the file will not be created. */
    private final Set<String> finishedEntities = new HashSet<>();

    /** The key of a source row in a lookup mapping: its table and id (any case). */
    public static String mapKey(String table, String sourceId) {
        return ImportPlanner.key(table, sourceId);
    }

    /** A lookup left out of a record because its target could not be resolved. */
    private record Unresolved(String field, String reason) {
    }

    /** A lookup set after every chunk was imported. */
    public record Deferred(String entity, String recordId, String targetId, CmtField field, String table, String id,
                           boolean disablePlugins) {
    }

    /**
     * @param lookupMap target ids for rows outside the schema the target knows under another id, keyed by
     *                  {@link #mapKey(String, String)} of their table and source id (the user's mapping file)
     */
    public StreamingImport(CmtSchema schema, Optional<Instant> timestamp, ImportPlanner planner, Map<String, String> lookupMap,
                           WebApiNames names) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.lookupMap = Map.copyOf(lookupMap);
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.names = Objects.requireNonNull(names, "names");
    }

    /** Starts the work on one chunk; chunks come entity by entity in import order. */
    public ChunkWork begin(ImportChunks.Chunk chunk) {
        // Every entity before this one in import order is done, also those with no records in the file.
        for (CmtEntity earlier : ImportOrder.of(schema)) {
            if (earlier.name().equals(chunk.entity().name())) {
                break;
            }
            finishedEntities.add(earlier.name());
        }
        return new ChunkWork(chunk);
    }

    /** Notices for the whole import (from every chunk planned so far). */
    public List<String> notices() {
        return List.copyOf(notices);
    }

    /** One chunk on its way: queries, answers, plan. Not thread-safe except {@link #answerRows}/{@link #answerIds}. */
    public final class ChunkWork {
        private final ImportChunks.Chunk chunk;
        private final ImportData data;
        private final TargetSnapshot.Builder target = TargetSnapshot.builder(schema);
        private final Set<String> foundById = new HashSet<>();
        private ImportPlan plan;
        private final Map<String, List<Deferred>> chunkDeferred = new LinkedHashMap<>();
        private final Set<String> foundLookups = new HashSet<>();
        /** Rows of tables outside the schema by primary name (lower case): their ids. */
        private final Map<String, Map<String, Set<String>>> byName = new HashMap<>();
        /** Per record, the lookups left out because their target could not be resolved, with the reason. */
        private final Map<String, List<Unresolved>> unresolved = new LinkedHashMap<>();

        ChunkWork(ImportChunks.Chunk chunk) {
            this.chunk = chunk;
            this.data = ImportData.of(schema, timestamp, chunk.records().stream().map(this::remap).toList(), List.of());
        }

        /** Rows by record id, and which lookup targets outside the chunk exist. */
        public ImportQueries firstQueries() {
            ImportQueries all = planner.queries(data);
            return new ImportQueries(all.recordQueries().stream().filter(q -> q.kind() == MatchKind.BY_ID).toList(), all.lookupTargets());
        }

        /** updateCompare and primary-name matches for the records the id did not find. */
        public ImportQueries secondQueries() {
            List<CmtRecord> unmatched = data.records(chunk.entity().name()).stream()
                    .filter(r -> !foundById.contains(r.id().toLowerCase(Locale.ROOT))).toList();
            if (unmatched.isEmpty()) {
                return new ImportQueries(List.of(), List.of());
            }
            ImportQueries rest = planner.queries(ImportData.of(schema, timestamp, unmatched, List.of()));
            return new ImportQueries(rest.recordQueries().stream().filter(q -> q.kind() != MatchKind.BY_ID).toList(), List.of());
        }

        /** Rows a {@link RecordQuery} found. */
        public synchronized void answerRows(RecordQuery query, Collection<? extends Map<String, Object>> rows) {
            target.addRows(query.entity(), rows);
            if (query.kind() == MatchKind.BY_ID) {
                CmtEntity entity = schema.entity(query.entity()).orElseThrow();
                rows.forEach(r -> foundById.add(CmtValueFormat.toCmt(CmtFieldType.GUID, r.get(entity.primaryIdField()))));
            }
        }

        /** Which ids of a {@link LookupTargetQuery} exist. */
        public synchronized void answerIds(LookupTargetQuery query, Collection<String> existing) {
            target.addExistingIds(query.entity(), existing);
            existing.forEach(id -> foundLookups.add(ImportPlanner.key(query.entity(), id)));
        }

        /**
         * After {@link #firstQueries()} are answered: the names to look up for lookups the import will not
         * create (tables outside the schema: users, teams, business units, currencies; or an id an
         * already imported schema table did not have) whose id the target does not have. The id is tried
         * first, then the mapping file, then the name the file gives.
         */
        public List<LookupNameQuery> nameQueries() {
            Map<String, Set<String>> names = new LinkedHashMap<>();
            for (CmtRecord record : data.records(chunk.entity().name())) {
                for (CmtFieldValue value : record.fields()) {
                    notInFileTarget(value).filter(t -> !foundLookups.contains(ImportPlanner.key(t, value.value())))
                            .ifPresent(t -> value.lookupEntityName().ifPresent(n -> names.computeIfAbsent(t, x -> new LinkedHashSet<>()).add(n)));
                }
            }
            return names.entrySet().stream().map(e -> new LookupNameQuery(e.getKey(), List.copyOf(e.getValue()))).toList();
        }

        /** The rows a {@link LookupNameQuery} found: their ids by primary name. */
        public synchronized void answerNames(LookupNameQuery query, Map<String, String> namesById) {
            Map<String, Set<String>> table = byName.computeIfAbsent(query.entity(), t -> new HashMap<>());
            namesById.forEach((id, name) -> table.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new TreeSet<>())
                    .add(CmtValueFormat.toCmt(CmtFieldType.GUID, id)));
        }

        /**
         * The table of a lookup whose target the import will not create: a table outside the schema, or a
         * schema table already imported (earlier in import order) whose records did not include this id.
         * Such a lookup is resolved now (id, mapping, name); others wait for their record (deferred).
         */
        private Optional<String> notInFileTarget(CmtFieldValue value) {
            return chunk.entity().field(value.name()).filter(f -> f.type().isLookup())
                    .filter(f -> writable(chunk.entity().name(), f.name()))
                    .flatMap(f -> ImportPlanner.lookupTable(f, value))
                    .filter(t -> schema.entity(t).isEmpty() || finishedEntities.contains(t)
                            && !seenIds.getOrDefault(t, Set.of()).contains(compact(value.value())));
        }

        /**
         * A lookup to a table outside the schema whose id the target lacks: the row the lookup mapping names,
         * else the one target row with the file's lookupentityname, or empty with the reason in {@link #unresolved} (several rows by that
         * name are never guessed between).
         */
        private Optional<CmtFieldValue> resolveByName(CmtRecord record, CmtFieldValue value, String table) {
            String mapped = lookupMap.get(mapKey(table, value.value()));
            if (mapped != null) {
                return Optional.of(new CmtFieldValue(value.name(), mapped, value.lookupEntity(), value.lookupEntityName()));
            }
            String reason;
            if (value.lookupEntityName().isEmpty()) {
                reason = table + " " + value.value() + " is not in the target and the file gives no name to find it by";
            } else {
                String name = value.lookupEntityName().get();
                Set<String> ids = byName.getOrDefault(table, Map.of()).getOrDefault(name.toLowerCase(Locale.ROOT), Set.of());
                if (ids.size() == 1) {
                    String id = ids.iterator().next();
                    String notice = table + " " + value.value() + " ('" + name + "') is not in the target; lookups to it use the target's "
                            + table + " " + id + " of the same name";
                    if (!notices.contains(notice)) {
                        notices.add(notice);
                    }
                    return Optional.of(new CmtFieldValue(value.name(), id, value.lookupEntity(), value.lookupEntityName()));
                }
                reason = ids.isEmpty()
                        ? table + " " + value.value() + " is not in the target, and no " + table + " there is named '" + name + "'"
                        : ids.size() + " " + table + " rows in the target are named '" + name + "' (ids " + String.join(", ", ids)
                        + "); dvbridge does not guess which one " + value.value() + " is";
            }
            unresolved.computeIfAbsent(ImportPlanner.key(record.entity(), record.id()), k -> new ArrayList<>())
                    .add(new Unresolved(value.name(), reason));
            return Optional.empty();
        }

        /** Plans the chunk; lookups that cannot be bound yet are deferred. */
        public ImportPlan plan() {
            TargetSnapshot snapshot = target.build();
            String entityName = chunk.entity().name();
            Set<String> inChunk = new HashSet<>();
            data.records(entityName).forEach(r -> inChunk.add(ImportPlanner.key(r.entity(), r.id())));
            Set<Object> seen = seenIds.computeIfAbsent(entityName, e -> new HashSet<>());
            List<RecordResult> repeated = new ArrayList<>();
            List<CmtRecord> planned = new ArrayList<>();
            for (CmtRecord record : data.records(entityName)) {
                if (seen.contains(compact(record.id()))) {
                    repeated.add(new RecordResult(record.entity(), record.id(), Optional.empty(), Outcome.FAILED,
                            "the record id appears more than once in the file (an earlier chunk of " + entityName
                                    + " had it; this one is not imported)" + where(record)));
                    continue;
                }
                List<CmtFieldValue> kept = new ArrayList<>();
                for (CmtFieldValue value : record.fields()) {
                    Optional<String> outside = notInFileTarget(value);
                    if (outside.isPresent() && !snapshot.exists(outside.get(), value.value())) {
                        Optional<CmtFieldValue> resolved = resolveByName(record, value, outside.get());
                        resolved.ifPresent(r -> {
                            target.addExistingIds(outside.get(), List.of(r.value()));
                            kept.add(r);
                        });
                        continue;
                    }
                    Optional<CmtField> field = chunk.entity().field(value.name());
                    Optional<String> table = field.filter(f -> f.type().isLookup()).flatMap(f -> ImportPlanner.lookupTable(f, value));
                    // A lookup the target never takes (createdby, owninguser ...) is not waited for: the planner leaves it out.
                    if (table.isPresent() && writable(record.entity(), value.name())
                            && !inChunk.contains(ImportPlanner.key(table.get(), value.value()))
                            && !snapshot.exists(table.get(), value.value())) {
                        chunkDeferred.computeIfAbsent(ImportPlanner.key(record.entity(), record.id()), k -> new ArrayList<>())
                                .add(new Deferred(record.entity(), record.id(), record.id(), field.get(), table.get(), value.value(),
                                        chunk.entity().disablePlugins()));
                        continue;
                    }
                    kept.add(value);
                }
                planned.add(new CmtRecord(record.entity(), record.id(), kept, record.line()));
            }
            planned.forEach(r -> seen.add(compact(r.id())));
            plan = claimRows(entityName, withUnresolved(planner.plan(ImportData.of(schema, timestamp, planned, List.of()), target.build())),
                    repeated);
            plan.notices().forEach(n -> {
                if (!notices.contains(n)) {
                    notices.add(n);
                }
            });
            return plan;
        }

        /**
         * Records that lost a lookup the target could not resolve: failed when the target requires the
         * column (its writes dropped), otherwise written without it and the reason added to their result.
         */
        private ImportPlan withUnresolved(ImportPlan planned) {
            if (unresolved.isEmpty()) {
                return planned;
            }
            Set<String> failed = new HashSet<>();
            List<RecordResult> results = new ArrayList<>();
            for (RecordResult result : planned.results()) {
                String k = ImportPlanner.key(result.entity(), result.recordId());
                List<Unresolved> lookups = unresolved.get(k);
                if (lookups == null || result.outcome() == Outcome.FAILED) {
                    results.add(result);
                    continue;
                }
                String reasons = String.join("; ", lookups.stream().map(u -> "field '" + u.field() + "' not set: " + u.reason()).toList());
                if (lookups.stream().anyMatch(u -> requiredColumn(result.entity(), u.field()))) {
                    failed.add(k);
                    results.add(new RecordResult(result.entity(), result.recordId(), Optional.empty(), Outcome.FAILED,
                            reasons + " (the target requires it)"));
                } else {
                    results.add(new RecordResult(result.entity(), result.recordId(), result.targetId(), result.outcome(),
                            result.message() + "; " + reasons));
                }
            }
            List<PlannedWrite> writes = planned.writes().stream().filter(w -> !failed.contains(ImportPlanner.key(w.entity(), w.recordId()))).toList();
            return new ImportPlan(writes, results, planned.notices());
        }

        // Owner columns are filled in by Dataverse (the caller) when absent, so they never fail a record here.
        private boolean requiredColumn(String table, String column) {
            return names.column(table, column).filter(c -> !c.attributeType().equals("Owner"))
                    .filter(c -> c.requiredLevel().equals("SystemRequired") || c.requiredLevel().equals("ApplicationRequired")).isPresent();
        }

        /**
         * Takes the chunk's final outcomes: returns the results that are final now; records waiting for a
         * deferred lookup are held until {@link #completeDeferred}.
         */
        public List<RecordResult> complete(ImportOutcomes outcomes) {
            List<RecordResult> done = new ArrayList<>();
            for (RecordResult result : outcomes.results()) {
                String k = ImportPlanner.key(result.entity(), result.recordId());
                if (result.outcome() != Outcome.FAILED && result.targetId().isPresent()
                        && !result.targetId().get().equalsIgnoreCase(result.recordId())) {
                    remapped.put(k, result.targetId().get());
                }
                List<Deferred> waits = chunkDeferred.get(k);
                if (waits == null || result.outcome() == Outcome.FAILED) {
                    done.add(result);
                    continue;
                }
                String targetId = result.targetId().orElse(result.recordId());
                deferred.put(k, waits.stream().map(d -> new Deferred(d.entity(), d.recordId(), targetId, d.field(), d.table(), d.id(),
                        d.disablePlugins())).toList());
                waiting.put(k, result);
            }
            return done;
        }

        private CmtRecord remap(CmtRecord record) {
            if (remapped.isEmpty()) {
                return record;
            }
            List<CmtFieldValue> values = new ArrayList<>();
            for (CmtFieldValue value : record.fields()) {
                Optional<CmtField> field = chunk.entity().field(value.name()).filter(f -> f.type().isLookup());
                Optional<String> to = field.flatMap(f -> ImportPlanner.lookupTable(f, value)).map(t -> remapped.get(ImportPlanner.key(t, value.value())));
                values.add(to.isPresent() ? new CmtFieldValue(value.name(), to.get(), value.lookupEntity(), value.lookupEntityName()) : value);
            }
            return new CmtRecord(record.entity(), record.id(), values, record.line());
        }
    }

    /**
     * Fails the records of a chunk's plan whose target row a record of an earlier chunk already matched
     * (their writes are dropped), claims the rows of the others, and adds the repeated ids' failures.
     */
    private ImportPlan claimRows(String entity, ImportPlan plan, List<RecordResult> repeated) {
        Set<Object> claimed = claimedRows.computeIfAbsent(entity, e -> new HashSet<>());
        Set<String> dropped = new HashSet<>();
        List<RecordResult> results = new ArrayList<>();
        for (RecordResult result : plan.results()) {
            if (result.outcome() == Outcome.FAILED || result.targetId().isEmpty()) {
                results.add(result);
                continue;
            }
            String row = result.targetId().get();
            if (!claimed.add(compact(row))) {
                dropped.add(ImportPlanner.key(result.entity(), result.recordId()));
                results.add(new RecordResult(result.entity(), result.recordId(), Optional.empty(), Outcome.FAILED,
                        "matches target row " + row + ", which a record of an earlier chunk of " + entity
                                + " already matched; this one is not imported"));
                continue;
            }
            results.add(result);
        }
        if (dropped.isEmpty() && repeated.isEmpty()) {
            return plan;
        }
        results.addAll(repeated);
        List<PlannedWrite> writes = plan.writes().stream().filter(w -> !dropped.contains(ImportPlanner.key(w.entity(), w.recordId()))).toList();
        return new ImportPlan(writes, results, plan.notices());
    }

    private boolean writable(String table, String column) {
        return names.column(table, column).filter(c -> c.validForCreate() || c.validForUpdate()).isPresent();
    }

    /** A GUID as a {@link UUID} (compact in a set), anything else as lower-case text. */
    private static Object compact(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAGuid) {
            return id.toLowerCase(Locale.ROOT);
        }
    }

    private static String where(CmtRecord record) {
        return record.line() > 0 ? " (data.xml line " + record.line() + ")" : "";
    }

    /** After the last chunk: which deferred lookup targets exist now. */
    public List<LookupTargetQuery> deferredQueries() {
        Map<String, Set<String>> ids = new LinkedHashMap<>();
        deferred.values().forEach(list -> list.forEach(d -> ids.computeIfAbsent(d.table(), t -> new LinkedHashSet<>()).add(finalId(d))));
        return ids.entrySet().stream().map(e -> new LookupTargetQuery(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    /**
     * The writes that bind the deferred lookups (pass 2), given the ids that exist now; a lookup whose
     * target still does not exist fails its record.
     */
    public ImportPlan planDeferred(Map<String, Set<String>> existingIdsByTable) {
        List<PlannedWrite> writes = new ArrayList<>();
        List<RecordResult> results = new ArrayList<>();
        for (Map.Entry<String, List<Deferred>> entry : deferred.entrySet()) {
            RecordResult before = waiting.get(entry.getKey());
            Map<String, Object> body = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            Deferred first = entry.getValue().get(0);
            for (Deferred d : entry.getValue()) {
                String id = finalId(d);
                boolean exists = existingIdsByTable.getOrDefault(d.table(), Set.of()).stream().anyMatch(id::equalsIgnoreCase);
                if (!exists) {
                    missing.add("lookup field '" + d.field().name() + "' points to " + d.table() + " " + d.id()
                            + ", which is neither in the file nor in the target environment");
                    continue;
                }
                try {
                    body.put(names.lookupNavigationProperty(d.entity(), d.field().name(), d.table()) + "@odata.bind",
                            "/" + names.entitySetName(d.table()) + "(" + id + ")");
                } catch (IllegalStateException noName) {
                    missing.add(noName.getMessage());
                }
            }
            if (!body.isEmpty()) {
                writes.add(new PlannedWrite(first.entity(), first.recordId(), first.targetId(), WriteKind.UPDATE, 2, body,
                        first.disablePlugins()));
            }
            if (missing.isEmpty()) {
                String message = before.outcome() == Outcome.UNCHANGED ? before.message() + "; lookups set" : before.message();
                Outcome outcome = before.outcome() == Outcome.UNCHANGED ? Outcome.UPDATED : before.outcome();
                results.add(new RecordResult(before.entity(), before.recordId(), before.targetId(), outcome, message));
            } else {
                results.add(new RecordResult(before.entity(), before.recordId(), before.targetId(), Outcome.FAILED,
                        (before.outcome() == Outcome.CREATED ? "created, but " : "") + String.join("; ", missing)));
            }
        }
        return new ImportPlan(writes, results, List.of());
    }

    private String finalId(Deferred d) {
        return remapped.getOrDefault(ImportPlanner.key(d.table(), d.id()), d.id());
    }


}
