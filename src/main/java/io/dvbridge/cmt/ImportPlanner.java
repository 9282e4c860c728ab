package io.dvbridge.cmt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides, without touching the network, what importing a data.zip into a target environment does
 * to each record, the way the Configuration Migration tool does it:
 *
 * <ol>
 *   <li>Match each record to an existing row: by record id, else by the entity's {@code updateCompare}
 *       fields, else by the primary name. Several candidate rows fail the record; dvbridge never
 *       guesses. Two records matching the same row fail the second.</li>
 *   <li>Resolve lookups: to a record of the file (through the id it has or will have in the target,
 *       so a parent matched under another id is remapped), else to a row that exists in the target.
 *       A lookup to neither fails the record, and records pointing at a failed record fail too; the
 *       rest proceed.</li>
 *   <li>Plan writes per entity in {@link ImportOrder}: create with the file id, or update only the
 *       fields whose normalised values differ, or nothing (UNCHANGED). Lookups to records created
 *       later in the same import wait for pass 2; statecode/statuscode go in pass 3.</li>
 * </ol>
 *
 * Fields absent from a record are left as they are in the target. Many-to-many associations are
 * not planned yet (reported as a notice).
 *
 * <p>Use: {@link #queries} tells the route what to fetch; the route answers in a
 * {@link TargetSnapshot}; {@link #plan} returns the writes and per-record results.
 */
public final class ImportPlanner {

    static final String CREATED_ON = "createdon";
    static final String OVERRIDDEN_CREATED_ON = "overriddencreatedon";

    private final WebApiNames names;
    private final Clock clock;

    public ImportPlanner(WebApiNames names, Clock clock) {
        this.names = Objects.requireNonNull(names, "names");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The target rows and lookup ids the plan depends on. */
    public ImportQueries queries(ImportData data) {
        CmtSchema schema = data.schema();
        Set<String> inFile = new LinkedHashSet<>();
        schema.entities().forEach(e -> data.records(e.name()).forEach(r -> inFile.add(key(e.name(), r.id()))));
        List<RecordQuery> queries = new ArrayList<>();
        Map<String, Set<String>> lookupIds = new LinkedHashMap<>();
        for (CmtEntity entity : ImportOrder.of(schema)) {
            List<CmtRecord> records = data.records(entity.name());
            if (records.isEmpty()) {
                continue;
            }
            List<List<Object>> ids = records.stream().map(r -> List.<Object>of(r.id())).distinct().toList();
            queries.add(new RecordQuery(entity.name(), MatchKind.BY_ID, List.of(entity.primaryIdField()), ids, entity.webApiSelect()));

            List<CmtField> compare = entity.updateCompareFields();
            if (!compare.isEmpty()) {
                Set<List<Object>> keys = new LinkedHashSet<>();
                records.forEach(r -> compareKey(entity, r, compare).ifPresent(keys::add));
                if (!keys.isEmpty()) {
                    queries.add(new RecordQuery(entity.name(), MatchKind.BY_UPDATE_COMPARE,
                            compare.stream().map(CmtField::webApiAttribute).toList(), List.copyOf(keys), entity.webApiSelect()));
                }
            }
            Set<List<Object>> primaryNames = new LinkedHashSet<>();
            entity.primaryNameField().ifPresent(nameField -> records.forEach(r -> primaryName(entity, r)
                    .ifPresent(v -> primaryNames.add(List.of(v)))));
            if (!primaryNames.isEmpty()) {
                queries.add(new RecordQuery(entity.name(), MatchKind.BY_PRIMARY_NAME, List.of(entity.primaryNameField().orElseThrow()),
                        List.copyOf(primaryNames), entity.webApiSelect()));
            }
            for (CmtRecord record : records) {
                for (CmtFieldValue value : record.fields()) {
                    Optional<CmtField> field = entity.field(value.name());
                    if (field.isEmpty() || !field.get().type().isLookup()) {
                        continue;
                    }
                    Optional<String> table = lookupTable(field.get(), value);
                    if (table.isPresent() && !inFile.contains(key(table.get(), value.value()))) {
                        lookupIds.computeIfAbsent(table.get(), t -> new LinkedHashSet<>()).add(value.value());
                    }
                }
            }
        }
        List<LookupTargetQuery> lookups = new ArrayList<>();
        lookupIds.forEach((table, ids) -> lookups.add(new LookupTargetQuery(table, List.copyOf(ids))));
        return new ImportQueries(queries, lookups);
    }

    /** Plans the import of {@code data} into the target described by {@code target}. */
    public ImportPlan plan(ImportData data, TargetSnapshot target) {
        return new Planning(data, target).run();
    }

    private Optional<List<Object>> compareKey(CmtEntity entity, CmtRecord record, List<CmtField> compare) {
        List<Object> key = new ArrayList<>();
        for (CmtField field : compare) {
            Optional<CmtFieldValue> value = record.field(field.name());
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                key.add(CmtValueFormat.toWebApi(field.type(), value.get().value()));
            } catch (CmtValueException e) {
                return Optional.empty();
            }
        }
        return Optional.of(key);
    }

    /** A record's primary name as the target stores it (decoded as the tool decodes text); empty without one. */
    static Optional<String> primaryName(CmtEntity entity, CmtRecord record) {
        return entity.primaryNameField().flatMap(record::field).map(v -> {
            CmtFieldType type = entity.field(v.name()).map(CmtField::type).orElse(CmtFieldType.STRING);
            return type == CmtFieldType.STRING ? HtmlText.decode(v.value()) : v.value();
        });
    }

    /** The table a lookup value points to: its own lookupentity, else the field's only target. */
    static Optional<String> lookupTable(CmtField field, CmtFieldValue value) {
        if (value.lookupEntity().isPresent()) {
            return value.lookupEntity();
        }
        return field.lookupTargets().size() == 1 ? Optional.of(field.lookupTargets().get(0)) : Optional.empty();
    }

    /** A map key for a record of a table, its GUID case-insensitive. */
    static String key(String entity, String id) {
        return entity + "\u0000" + id.toLowerCase(Locale.ROOT);
    }

    /** One record on its way through the plan. */
    private static final class RecordState {
        final CmtEntity entity;
        final CmtRecord record;
        final int group;
        Optional<Map<String, Object>> existing = Optional.empty();
        String targetId;
        String matchNote = "";
        String failure = "";

        RecordState(CmtEntity entity, CmtRecord record, int group) {
            this.entity = entity;
            this.record = record;
            this.group = group;
            this.targetId = record.id();
        }

        boolean failed() {
            return !failure.isEmpty();
        }

        boolean creates() {
            return existing.isEmpty();
        }

        void fail(String reason) {
            if (failure.isEmpty()) {
                failure = reason;
            }
        }

        String where() {
            return record.line() > 0 ? " (data.xml line " + record.line() + ")" : "";
        }
    }

    private record Resolution(String table, String targetId, Optional<RecordState> fileRecord, String failure) {
        static Resolution failed(String reason) {
            return new Resolution("", "", Optional.empty(), reason);
        }
    }

    /** One planning run; holds the per-record state. */
    private final class Planning {
        private final ImportData data;
        private final TargetSnapshot target;
        private final List<CmtEntity> order;
        private final List<RecordState> all = new ArrayList<>();
        private final Map<String, RecordState> byKey = new HashMap<>();
        private final List<String> notices = new ArrayList<>();
        /** One notice per field (and entity) the target does not take, not one per record. */
        private final Set<String> skipped = new LinkedHashSet<>();

        Planning(ImportData data, TargetSnapshot target) {
            this.data = data;
            this.target = target;
            this.order = ImportOrder.of(data.schema());
        }

        ImportPlan run() {
            for (int group = 0; group < order.size(); group++) {
                matchEntity(order.get(group), group);
            }
            failRecordsWithUnresolvableLookups();
            ImportPlan plan = buildWrites();
            notices.addAll(skipped);
            if (!data.associations().isEmpty()) {
                String relationships = data.associations().stream().map(CmtM2M::relationshipName)
                        .collect(Collectors.toCollection(TreeSet::new)).toString();
                notices.add(data.associations().size() + " many-to-many association group(s) " + relationships
                        + " are in the file but not imported by this version of dvbridge");
            }
            return new ImportPlan(plan.writes(), plan.results(), notices);
        }

        private void matchEntity(CmtEntity entity, int group) {
            List<RecordState> states = new ArrayList<>();
            for (CmtRecord record : data.records(entity.name())) {
                RecordState state = new RecordState(entity, record, group);
                all.add(state);
                states.add(state);
                RecordState first = byKey.putIfAbsent(key(entity.name(), record.id()), state);
                if (first != null) {
                    state.fail("the record id appears more than once in the file" + first.where());
                    continue;
                }
                checkValues(state);
            }
            Map<String, RecordState> claimed = new HashMap<>();
            for (RecordState state : states) {
                if (!state.failed()) {
                    target.row(entity.name(), state.record.id()).ifPresent(row ->
                            claim(state, row, state.record.id(), "matched by id", claimed));
                }
            }
            for (RecordState state : states) {
                if (state.failed() || state.existing.isPresent()) {
                    continue;
                }
                if (!matchByUpdateCompare(state, claimed) && !state.failed()) {
                    matchByPrimaryName(state, claimed);
                }
            }
        }

        private void checkValues(RecordState state) {
            for (CmtFieldValue value : state.record.fields()) {
                Optional<CmtField> field = state.entity.field(value.name());
                if (field.isEmpty()) {
                    state.fail("field '" + value.name() + "' is not in the schema");
                    return;
                }
                try {
                    CmtValueFormat.toWebApi(field.get().type(), value.value());
                } catch (CmtValueException e) {
                    state.fail("field '" + value.name() + "': " + e.reason());
                    return;
                }
            }
        }

        private boolean matchByUpdateCompare(RecordState state, Map<String, RecordState> claimed) {
            List<CmtField> compare = state.entity.updateCompareFields();
            if (compare.isEmpty() || compare.stream().anyMatch(f -> state.record.field(f.name()).isEmpty())) {
                return false;
            }
            List<Map<String, Object>> candidates = target.rows(state.entity.name()).stream()
                    .filter(row -> compare.stream().allMatch(f -> sameForMatching(f, state.record.field(f.name()).orElseThrow(), row)))
                    .toList();
            String fields = compare.stream().map(CmtField::name).collect(Collectors.joining(", "));
            if (candidates.size() > 1) {
                state.fail(candidates.size() + " rows in the target match the updateCompare field(s) " + fields
                        + " (ids " + ids(state.entity, candidates) + "); dvbridge does not guess which one to update");
                return true;
            }
            if (candidates.size() == 1) {
                Map<String, Object> row = candidates.get(0);
                claim(state, row, rowId(state.entity, row), "matched by updateCompare field(s) " + fields, claimed);
                return true;
            }
            return false;
        }

        private void matchByPrimaryName(RecordState state, Map<String, RecordState> claimed) {
            Optional<String> name = primaryName(state.entity, state.record);
            if (name.isEmpty()) {
                return;
            }
            String wanted = name.get();
            String nameField = state.entity.primaryNameField().orElseThrow();
            List<Map<String, Object>> candidates = target.rows(state.entity.name()).stream()
                    .filter(row -> row.get(nameField) instanceof String s && s.equalsIgnoreCase(wanted))
                    .filter(row -> !claimedByIdMatch(state, row, claimed))
                    .toList();
            if (candidates.size() > 1) {
                state.fail(candidates.size() + " rows in the target have the primary name '" + wanted + "' (ids "
                        + ids(state.entity, candidates) + "); dvbridge does not guess which one to update");
            } else if (candidates.size() == 1) {
                Map<String, Object> row = candidates.get(0);
                claim(state, row, rowId(state.entity, row), "matched by primary name '" + wanted + "'", claimed);
            }
        }

        // A row whose id is a record of the file belongs to that record, not to a name look-alike.
        private boolean claimedByIdMatch(RecordState state, Map<String, Object> row, Map<String, RecordState> claimed) {
            RecordState owner = claimed.get(rowId(state.entity, row));
            return owner != null && owner.matchNote.equals("matched by id");
        }

        private void claim(RecordState state, Map<String, Object> row, String rowId, String note, Map<String, RecordState> claimed) {
            RecordState other = claimed.putIfAbsent(rowId, state);
            if (other != null) {
                state.fail("matches target row " + rowId + ", which record " + other.record.id() + other.where() + " already matched");
                return;
            }
            state.existing = Optional.of(row);
            state.targetId = rowId;
            state.matchNote = note;
        }

        private boolean sameForMatching(CmtField field, CmtFieldValue value, Map<String, Object> row) {
            Object existing = row.get(field.webApiAttribute());
            if (existing == null) {
                return false;
            }
            if (field.type().isLookup()) {
                String wanted = lookupTable(field, value)
                        .map(table -> byKey.get(key(table, value.value())))
                        .filter(s -> !s.failed())
                        .map(s -> s.targetId)
                        .orElse(value.value());
                return existing instanceof String s && s.equalsIgnoreCase(wanted);
            }
            if (field.type() == CmtFieldType.STRING) {
                return existing instanceof String s && s.equalsIgnoreCase(HtmlText.decode(value.value()));
            }
            return equalCanonical(field.type(), CmtValueFormat.toWebApi(field.type(), value.value()), existing);
        }

        private void failRecordsWithUnresolvableLookups() {
            boolean changed = true;
            while (changed) {
                changed = false;
                for (RecordState state : all) {
                    if (state.failed()) {
                        continue;
                    }
                    for (CmtFieldValue value : state.record.fields()) {
                        CmtField field = state.entity.field(value.name()).orElseThrow();
                        if (!field.type().isLookup() || !sent(state, field)) {
                            continue;
                        }
                        Resolution resolution = resolve(field, value);
                        if (!resolution.failure().isEmpty()) {
                            state.fail(resolution.failure());
                            changed = true;
                            break;
                        }
                    }
                }
            }
        }

        private Resolution resolve(CmtField field, CmtFieldValue value) {
            Optional<String> table = lookupTable(field, value);
            if (table.isEmpty()) {
                return Resolution.failed("lookup field '" + field.name() + "' has no lookupentity and its lookupType ("
                        + field.lookupType().orElse("none") + ") does not name a single table");
            }
            RecordState inFile = byKey.get(key(table.get(), value.value()));
            if (inFile != null) {
                if (inFile.failed()) {
                    return Resolution.failed("lookup field '" + field.name() + "' points to " + table.get() + " " + value.value()
                            + ", which is in the file but cannot be imported");
                }
                return new Resolution(table.get(), inFile.targetId, Optional.of(inFile), "");
            }
            if (target.exists(table.get(), value.value())) {
                return new Resolution(table.get(), value.value(), Optional.empty(), "");
            }
            return Resolution.failed("lookup field '" + field.name() + "' points to " + table.get() + " " + value.value()
                    + ", which is neither in the file nor in the target environment");
        }

        /**
         * Whether the field goes to the target for this record: the target has the column and its metadata
         * marks it valid for the operation (IsValidForCreate / IsValidForUpdate). System columns of real
         * exports (createdon, createdby, modifiedon, owninguser, exchangerate, *_base, versionnumber ...)
         * are not; they are left out and named once in the report's notices.
         */
        private boolean sent(RecordState state, CmtField field) {
            String operation = state.creates() ? "create" : "update";
            Optional<TargetColumn> column = names.column(state.entity.name(), field.name());
            if (column.isEmpty()) {
                skipped.add(state.entity.name() + "." + field.name() + ": the target table has no such column; not sent");
                return false;
            }
            // statecode/statuscode are set by an update after the create (pass 3).
            boolean writable = field.type().isStateOrStatus() ? column.get().validForUpdate() : column.get().writable(state.creates());
            if (!writable) {
                skipped.add(state.entity.name() + "." + field.name() + ": not valid for " + operation
                        + " in the target (its metadata says so); not sent" + (state.creates() ? " when creating" : " when updating")
                        + standInNote(state, field));
                return false;
            }
            return true;
        }

        private String standInNote(RecordState state, CmtField field) {
            return state.creates() && standInColumn(state, field) ? "; its value goes to " + OVERRIDDEN_CREATED_ON
                    + ", which Dataverse takes as the record's created-on date" : "";
        }

        private boolean standInColumn(RecordState state, CmtField field) {
            return field.name().equals(CREATED_ON) && field.type() == CmtFieldType.DATETIME
                    && names.column(state.entity.name(), OVERRIDDEN_CREATED_ON).filter(c -> c.validForCreate()).isPresent();
        }

        /**
         * createdon cannot be written, but Dataverse's documented stand-in can: a create carrying
         * overriddencreatedon gets that date as its createdon. Used unless the record has its own
         * overriddencreatedon.
         */
        private Optional<Object> standIn(RecordState state, CmtField field, CmtFieldValue value, Optional<Duration> shift) {
            if (!state.creates() || !standInColumn(state, field) || state.record.field(OVERRIDDEN_CREATED_ON).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(shifted(field, CmtValueFormat.toWebApi(field.type(), value.value()), shift));
        }

        /** What the target's metadata would refuse in this value: type, length, choice. */
        private Optional<String> violation(CmtEntity entity, CmtField field, CmtFieldValue value) {
            TargetColumn column = names.column(entity.name(), field.name()).orElseThrow();
            if (!column.accepts(field.type())) {
                return Optional.of("field '" + field.name() + "' is " + field.type().schemaName() + " in the schema but "
                        + column.attributeType() + " in the target");
            }
            if (field.type() == CmtFieldType.STRING && column.maxLength().isPresent()) {
                String text = (String) CmtValueFormat.toWebApi(field.type(), value.value());
                int length = text.codePointCount(0, text.length());
                if (length > column.maxLength().getAsInt()) {
                    return Optional.of("field '" + field.name() + "' has " + length + " characters; the target column takes at most "
                            + column.maxLength().getAsInt());
                }
            }
            if ((field.type() == CmtFieldType.OPTIONSETVALUE || field.type() == CmtFieldType.OPTIONSETVALUECOLLECTION)
                    && !column.options().isEmpty()) {
                String chosen = String.valueOf(CmtValueFormat.toWebApi(field.type(), value.value()));
                for (String option : chosen.isEmpty() ? new String[0] : chosen.split(",")) {
                    if (!column.options().contains(Integer.parseInt(option))) {
                        return Optional.of("field '" + field.name() + "': " + option + " is not one of the target column's choices "
                                + column.options());
                    }
                }
            }
            return Optional.empty();
        }

        private Optional<String> missingRequired(CmtEntity entity, CmtRecord record) {
            List<String> missing = names.requiredForCreate(entity.name()).stream()
                    .filter(c -> !c.equals(entity.primaryIdField()) && record.field(c).isEmpty()).toList();
            return missing.isEmpty() ? Optional.empty() : Optional.of("the target requires " + missing
                    + " (SystemRequired) to create a " + entity.name() + " and the record has no value for it");
        }

        private ImportPlan buildWrites() {
            List<PlannedWrite> pass1 = new ArrayList<>();
            List<PlannedWrite> pass2 = new ArrayList<>();
            List<PlannedWrite> pass3 = new ArrayList<>();
            List<RecordResult> results = new ArrayList<>();
            Optional<Duration> shift = dateShift();
            for (RecordState state : all) {
                if (state.failed()) {
                    results.add(new RecordResult(state.entity.name(), state.record.id(), Optional.empty(), Outcome.FAILED,
                            state.failure + state.where()));
                    continue;
                }
                CmtEntity entity = state.entity;
                Map<String, Object> now = new LinkedHashMap<>();
                Map<String, Object> later = new LinkedHashMap<>();
                Map<String, Object> stateValues = new LinkedHashMap<>();
                boolean stateDiffers = false;
                List<String> changed = new ArrayList<>();
                Map<String, Object> existing = state.existing.orElse(Map.of());
                Optional<String> unnamed = Optional.empty();
                if (!state.creates() && entity.skipUpdate()) {
                    results.add(new RecordResult(entity.name(), state.record.id(), Optional.of(state.targetId), Outcome.UNCHANGED,
                            state.matchNote + "; not updated: the schema marks " + entity.name() + " skipupdate"));
                    continue;
                }
                Optional<String> invalid = Optional.empty();
                for (CmtFieldValue value : state.record.fields()) {
                    CmtField field = entity.field(value.name()).orElseThrow();
                    if (field.name().equals(entity.primaryIdField())) {
                        continue;
                    }
                    if (!sent(state, field)) {
                        standIn(state, field, value, shift).ifPresent(v -> now.putIfAbsent(OVERRIDDEN_CREATED_ON, v));
                        continue;
                    }
                    invalid = invalid.or(() -> violation(entity, field, value));
                    if (field.type().isStateOrStatus()) {
                        Object wanted = CmtValueFormat.toWebApi(field.type(), value.value());
                        stateValues.put(field.name(), wanted);
                        stateDiffers |= !equalCanonical(field.type(), wanted, existing.get(field.name()));
                        continue;
                    }
                    if (field.type().isLookup()) {
                        Resolution to = resolve(field, value);
                        if (!state.creates() && sameLookup(field, to, existing)) {
                            continue;
                        }
                        String bind;
                        try {
                            bind = names.lookupNavigationProperty(entity.name(), field.name(), to.table()) + "@odata.bind";
                        } catch (IllegalStateException noName) {
                            unnamed = Optional.of(noName.getMessage());
                            break;
                        }
                        String ref = "/" + names.entitySetName(to.table()) + "(" + to.targetId() + ")";
                        boolean waits = to.fileRecord().map(r -> r.creates() && r.group >= state.group).orElse(false);
                        (waits ? later : now).put(bind, ref);
                        changed.add(field.name());
                        continue;
                    }
                    Object wanted = shifted(field, CmtValueFormat.toWebApi(field.type(), value.value()), shift);
                    if (!state.creates() && (equalCanonical(field.type(), wanted, existing.get(field.name()))
                            || shiftedBefore(field, value, existing.get(field.name()), shift))) {
                        continue;
                    }
                    now.put(field.name(), wanted);
                    changed.add(field.name());
                }
                if (unnamed.isPresent()) {
                    // The target's metadata does not say how to write this lookup: the record cannot be written right.
                    results.add(new RecordResult(entity.name(), state.record.id(), Optional.empty(), Outcome.FAILED,
                            unnamed.get() + state.where()));
                    continue;
                }
                if (state.creates()) {
                    invalid = invalid.or(() -> missingRequired(entity, state.record));
                }
                if (invalid.isPresent()) {
                    // What Dataverse would refuse fails here, in the dry run as in the real run, with the column's rule.
                    results.add(new RecordResult(entity.name(), state.record.id(), Optional.empty(), Outcome.FAILED,
                            invalid.get() + state.where()));
                    continue;
                }
                String id = state.record.id();
                Outcome outcome;
                String message;
                if (state.creates()) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put(entity.primaryIdField(), id);
                    body.putAll(now);
                    pass1.add(new PlannedWrite(entity.name(), id, state.targetId, WriteKind.CREATE, 1, body, entity.disablePlugins()));
                    outcome = Outcome.CREATED;
                    message = "created" + (later.isEmpty() ? "" : "; lookups " + later.keySet().stream()
                            .map(k -> k.substring(0, k.indexOf('@'))).toList() + " set after their targets are created");
                } else {
                    if (!now.isEmpty()) {
                        pass1.add(new PlannedWrite(entity.name(), id, state.targetId, WriteKind.UPDATE, 1, now, entity.disablePlugins()));
                    }
                    if (stateDiffers) {
                        changed.addAll(stateValues.keySet());
                    }
                    outcome = changed.isEmpty() ? Outcome.UNCHANGED : Outcome.UPDATED;
                    message = state.matchNote + (state.targetId.equals(id) ? "" : " (target id " + state.targetId + ")")
                            + (changed.isEmpty() ? "; no differences" : "; changed " + String.join(", ", changed));
                }
                if (!later.isEmpty()) {
                    pass2.add(new PlannedWrite(entity.name(), id, state.targetId, WriteKind.UPDATE, 2, later, entity.disablePlugins()));
                }
                if (!stateValues.isEmpty() && (state.creates() || stateDiffers)) {
                    pass3.add(new PlannedWrite(entity.name(), id, state.targetId, WriteKind.SET_STATE, 3, stateValues, entity.disablePlugins()));
                }
                results.add(new RecordResult(entity.name(), id, Optional.of(state.targetId), outcome, message));
            }
            List<PlannedWrite> writes = new ArrayList<>(pass1);
            writes.addAll(pass2);
            writes.addAll(pass3);
            return new ImportPlan(writes, results, List.of());
        }

        private boolean sameLookup(CmtField field, Resolution to, Map<String, Object> existing) {
            Object current = existing.get(field.webApiAttribute());
            if (!(current instanceof String id) || !id.equalsIgnoreCase(to.targetId())) {
                return false;
            }
            Object table = existing.get(field.webApiAttribute() + WebApiRecords.LOOKUP_LOGICAL_NAME);
            return !(table instanceof String t) || t.equals(to.table());
        }

        private Optional<Duration> dateShift() {
            Optional<CmtDateMode> schemaMode = data.schema().dateMode();
            boolean anyRelative = schemaMode.filter(m -> m != CmtDateMode.ABSOLUTE).isPresent()
                    || data.schema().entities().stream().flatMap(e -> e.fields().stream())
                    .anyMatch(f -> f.dateMode().filter(m -> m != CmtDateMode.ABSOLUTE).isPresent());
            if (!anyRelative) {
                return Optional.empty();
            }
            if (data.timestamp().isEmpty()) {
                notices.add("the schema asks for relative dates but data.xml has no timestamp; dates are imported as exported");
                return Optional.empty();
            }
            return Optional.of(Duration.between(data.timestamp().get(), Instant.now(clock)));
        }

        private Object shifted(CmtField field, Object value, Optional<Duration> shift) {
            if (field.type() != CmtFieldType.DATETIME || shift.isEmpty()) {
                return value;
            }
            CmtDateMode mode = field.dateMode().or(() -> data.schema().dateMode()).orElse(CmtDateMode.ABSOLUTE);
            Instant instant = CmtValueFormat.instant(value);
            return switch (mode) {
                case ABSOLUTE -> value;
                case RELATIVE -> instant.plus(shift.get()).toString();
                case RELATIVE_DAILY -> instant.plus(Duration.ofDays(shift.get().toDays())).toString();
            };
        }

        /**
         * Whether the target holds this relative date as an earlier import of the same file shifted it:
         * moved forward by no more than the time since the export (whole days for relativeDaily). Shifting
         * again would move the date on every run, so a re-import leaves it (and writes nothing).
         */
        private boolean shiftedBefore(CmtField field, CmtFieldValue value, Object existing, Optional<Duration> shift) {
            if (field.type() != CmtFieldType.DATETIME || shift.isEmpty() || existing == null) {
                return false;
            }
            CmtDateMode mode = field.dateMode().or(() -> data.schema().dateMode()).orElse(CmtDateMode.ABSOLUTE);
            if (mode == CmtDateMode.ABSOLUTE) {
                return false;
            }
            Duration moved;
            try {
                moved = Duration.between(CmtValueFormat.instant(CmtValueFormat.toWebApi(field.type(), value.value())),
                        CmtValueFormat.instant(existing));
            } catch (CmtValueException unreadable) {
                return false;
            }
            boolean wholeDays = mode != CmtDateMode.RELATIVE_DAILY || moved.toSeconds() % Duration.ofDays(1).toSeconds() == 0;
            return !moved.isNegative() && moved.compareTo(shift.get()) <= 0 && wholeDays;
        }

        private String ids(CmtEntity entity, List<Map<String, Object>> rows) {
            return rows.stream().map(r -> rowId(entity, r)).collect(Collectors.joining(", "));
        }

        private String rowId(CmtEntity entity, Map<String, Object> row) {
            return CmtValueFormat.toCmt(CmtFieldType.GUID, row.get(entity.primaryIdField()));
        }
    }

    private static boolean equalCanonical(CmtFieldType type, Object wanted, Object existing) {
        if (existing == null) {
            return false;
        }
        try {
            return CmtValueFormat.canonical(type, wanted).equals(CmtValueFormat.canonical(type, existing));
        } catch (CmtValueException e) {
            // The target holds something this type cannot read: certainly not the same value.
            return false;
        }
    }
}
