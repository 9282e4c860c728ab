package io.dvbridge.jobs;

import io.dvbridge.cmt.CmtEntity;
import io.dvbridge.cmt.CmtLimits;
import io.dvbridge.cmt.CmtM2M;
import io.dvbridge.cmt.CmtRelationship;
import io.dvbridge.cmt.CmtSchema;
import io.dvbridge.cmt.CmtSchemaReader;
import io.dvbridge.cmt.DataZipWriter;
import io.dvbridge.cmt.ExportQuery;
import io.dvbridge.cmt.ImportAssociations;
import io.dvbridge.cmt.ImportChunks;
import io.dvbridge.cmt.ImportPlanner;
import io.dvbridge.cmt.ImportQueries;
import io.dvbridge.cmt.LookupNameQuery;
import io.dvbridge.cmt.LookupTargetQuery;
import io.dvbridge.cmt.PlannedWrite;
import io.dvbridge.cmt.RecordQuery;
import io.dvbridge.cmt.RecordResult;
import io.dvbridge.cmt.StreamingImport;
import io.dvbridge.cmt.WriteKind;
import io.dvbridge.dataverse.AttributeMetadata;
import io.dvbridge.dataverse.DataverseException;
import io.dvbridge.dataverse.DataverseWrite;
import io.dvbridge.dataverse.DataverseWriteResult;
import io.dvbridge.dataverse.EntityKey;
import io.dvbridge.dataverse.EntityMetadata;
import io.dvbridge.rebind.RebindReport;
import io.dvbridge.runs.PendingFile;
import io.dvbridge.runs.RunStore;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The steps of routes/config-migration.camel.yaml that are not protocol work: read the schema and the
 * data file, turn component results into CMT records, ask the cmt domain what to write, and turn its
 * plan into {@code dataverse:} requests. Bound in the registry as {@code migrationSteps}.
 */
public final class MigrationSteps {

    public static final String HEADER_BYPASS_PLUGINS = "MSCRM.BypassCustomPluginExecution";
    public static final String EXPORT_REPORT = RunFiles.REPORT;
    public static final String IMPORT_REPORT = "report.json";
    public static final String RESULTS_FILE = "results.jsonl";
    public static final String MIGRATE_REPORT = "report.json";
    /** Dataverse's DuplicateRecord error: also its answer to associating a pair that is already associated. */
    static final String DUPLICATE_KEY = "0x80040237";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MigrationSteps.class);

    private final RunStore runs;
    private final Clock clock;
    private final ProgressSink progress;

    public MigrationSteps(RunStore runs, Clock clock) {
        this(runs, clock, ProgressSink.NONE);
    }

    public MigrationSteps(RunStore runs, Clock clock, ProgressSink progress) {
        this.runs = runs;
        this.clock = clock;
        this.progress = progress;
    }

    // ------------------------------------------------------------------ export

    /** Reads the schema (hardened parser) and opens the data.zip writer on a temporary file beside the target. */
    public ExportRun beginExport(DataExportRequest request, Exchange exchange) throws IOException {
        CmtSchema schema = new CmtSchemaReader().read(request.schema());
        String runId = RunIds.take(exchange, runs, "export");
        PendingFile out = PendingFile.beside(request.out());
        try {
            return new ExportRun(request, runId, clock.instant(), schema, DataZipWriter.create(out.path(), schema, clock.instant()), out,
                    new Progress("export " + runId + " from " + request.environment(), "records", OptionalLong.empty(), clock, runId, progress));
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Starts an entity in data.xml and returns the FetchXML that selects its records. */
    public String exportEntity(EntityMetadata metadata, @ExchangeProperty("entity") CmtEntity entity,
                               @ExchangeProperty("exportRun") ExportRun run) {
        run.current(entity, metadata.entitySetName(), metadata.attributes().stream().filter(AttributeMetadata::zoneless)
                .map(AttributeMetadata::logicalName).collect(Collectors.toSet()));
        run.writer().beginEntity(entity);
        return ExportQuery.fetchXml(entity);
    }

    public void exportPage(List<Map<String, Object>> rows, @ExchangeProperty("exportRun") ExportRun run) {
        rows.forEach(row -> run.writer().writeRecord(run.withoutZones(row)));
        run.exported(rows);
        run.counted(rows.size());
    }

    /**
     * The reads of the exported records' associations, one per record and many-to-many relationship of the
     * schema entity, by the navigation property the table's N:N relationships name.
     *
     * @throws InvalidRequestException when the environment has no such relationship for the table
     */
    public List<ExportAssociationQuery> exportAssociationReads(EntityMetadata metadata, @ExchangeProperty("exportRun") ExportRun run) {
        List<ExportAssociationQuery> reads = new ArrayList<>();
        CmtEntity entity = run.current();
        for (CmtRelationship relationship : entity.relationships()) {
            if (!relationship.manyToMany()) {
                continue;
            }
            String target = relationship.m2mTargetEntity().orElseThrow();
            String navigation = metadata.manyToMany(relationship.name()).flatMap(r -> r.navigationFrom(entity.name(), target))
                    .orElseThrow(() -> new InvalidRequestException("schema", "Entity '" + entity.name() + "': the environment has no many-to-many"
                            + " relationship '" + relationship.name() + "' between " + entity.name() + " and " + target));
            for (String id : run.exportedIds()) {
                reads.add(new ExportAssociationQuery(metadata.entitySetName(), id, navigation,
                        relationship.m2mTargetEntityPrimaryKey().orElseThrow(), relationship.name()));
            }
        }
        return reads;
    }

    /** Writes one record's associations through one relationship as an {@code <m2mrelationship>} (none: nothing). */
    public void exportAssociations(List<Map<String, Object>> rows, @ExchangeProperty("associationQuery") ExportAssociationQuery query,
                                   @ExchangeProperty("exportRun") ExportRun run) {
        if (!rows.isEmpty()) {
            run.writer().writeM2M(query.relationship(), query.sourceRow(),
                    rows.stream().map(r -> String.valueOf(r.get(query.select())).toLowerCase(Locale.ROOT)).toList());
        }
    }

    public void endEntity(@ExchangeProperty("exportRun") ExportRun run) {
        run.writer().endEntity();
    }

    /** Finishes data.zip and moves it into place: only a complete export replaces an existing file. */
    public ExportReport finishExport(@ExchangeProperty("exportRun") ExportRun run) throws IOException {
        run.complete();
        ExportReport report = new ExportReport(run.getRunId(), run.getEnvironment(), run.request().out().toString(), run.counts(),
                run.counts().values().stream().mapToLong(Long::longValue).sum(), run.requests(), run.startedAt(), clock.instant());
        runs.write(run.getRunId(), EXPORT_REPORT, report);
        return report;
    }

    /** The route calls it however the export ended: an unfinished data.zip is deleted, the target left as it was. */
    public void closeExport(@ExchangeProperty("exportRun") ExportRun run) {
        if (run != null) {
            run.close();
        }
    }

    // ------------------------------------------------------------------ import

    /**
     * Checks the whole data file within the configured limits (nothing is sent before) and opens the run's
     * results file; {@code --results} gets a copy when the import finishes.
     */
    public ImportRun beginImport(DataImportRequest request, Exchange exchange) throws IOException {
        Map<String, String> lookupMap = LookupMapFile.read(request.lookupMap());
        CmtLimits limits = ConfiguredLimits.of(exchange.getContext().getPropertiesComponent());
        String runId = RunIds.take(exchange, runs, "import");
        ImportChunks chunks = ImportChunks.open(request.data(), request.chunkSize(), limits);
        // The run's own folder is new: its results file is a journal appended chunk by chunk, so even a killed
        // import leaves the results of the chunks it finished.
        Path results = runs.file(runId, RESULTS_FILE);
        Writer writer;
        try {
            Files.createDirectories(results.getParent());
            writer = Files.newBufferedWriter(results, StandardCharsets.UTF_8);
        } catch (IOException e) {
            chunks.close();
            throw e;
        }
        return new ImportRun(request, runId, clock.instant(), chunks, results, writer, lookupMap,
                new Progress("import " + runId + " into " + request.environment(), "records", OptionalLong.of(chunks.records()), clock,
                        runId, progress));
    }

    public void keepMetadata(EntityMetadata metadata, @ExchangeProperty("importRun") ImportRun run) {
        run.names().add(metadata);
    }

    /** With the metadata in, starts the chunked import and reads the first chunk. */
    public void startChunks(@ExchangeProperty("importRun") ImportRun run) {
        run.streaming(new StreamingImport(run.chunks().schema(), run.chunks().timestamp(), new ImportPlanner(run.names(), clock), run.lookupMap(),
                run.names()));
        run.advance();
    }

    public List<QuerySpec> firstQueries(@ExchangeProperty("importRun") ImportRun run) {
        return specs(run.work().firstQueries(), run);
    }

    /** Matches for the records the id did not find, and names for lookups to tables outside the schema the id did not find. */
    public List<QuerySpec> secondQueries(@ExchangeProperty("importRun") ImportRun run) {
        List<QuerySpec> specs = specs(run.work().secondQueries(), run);
        for (LookupNameQuery query : run.work().nameQueries()) {
            specs.addAll(QuerySpecs.forLookupNames(query, run.names().table(query.entity())));
        }
        return specs;
    }

    /** Hands the rows a query found to the chunk (or, in the last pass, to the deferred lookups). */
    public void answer(List<Map<String, Object>> rows, @ExchangeProperty("query") QuerySpec query,
                       @ExchangeProperty("importRun") ImportRun run) {
        run.countQueryRequest();
        if (query.tag() instanceof RecordQuery records) {
            run.rowsRead(run.names().table(records.entity()).primaryIdAttribute(), rows);
            run.work().answerRows(records, rows);
        } else if (query.tag() instanceof LookupNameQuery names) {
            EntityMetadata table = run.names().table(names.entity());
            Map<String, String> found = new LinkedHashMap<>();
            rows.forEach(r -> found.put(String.valueOf(r.get(table.primaryIdAttribute())), String.valueOf(r.get(table.primaryNameAttribute()))));
            run.work().answerNames(names, found);
        } else if (query.tag() instanceof LookupTargetQuery lookups) {
            EntityMetadata table = run.names().table(lookups.entity());
            List<String> ids = rows.stream().map(r -> String.valueOf(r.get(table.primaryIdAttribute()))).toList();
            if (run.isDeferredPhase()) {
                run.deferredTargetsFound(lookups.entity(), ids);
            } else {
                run.work().answerIds(lookups, ids);
            }
        }
    }

    public void planChunk(@ExchangeProperty("importRun") ImportRun run) {
        run.plan(run.work().plan());
    }

    /** The writes of the next pass as {@code $batch} groups, one per connection. */
    public List<List<DataverseWrite>> nextWriteGroups(@ExchangeProperty("importRun") ImportRun run) {
        List<List<DataverseWrite>> groups = new ArrayList<>();
        for (ImportRun.WriteGroup group : run.nextGroups()) {
            groups.add(group.writes().stream().map(w -> toWrite(w, run.ifMatch(group, w), run)).toList());
        }
        return groups;
    }

    /**
     * Folds one $batch answer into the outcomes: a failed write fails its record with Dataverse's message; a
     * create that found its row there (412) has the record's values set by an update instead.
     */
    public void batchAnswered(List<DataverseWriteResult> results, @Header(Exchange.SPLIT_INDEX) int group,
                              @ExchangeProperty("importRun") ImportRun run) {
        run.countWriteRequest();
        List<PlannedWrite> writes = run.group(group).writes();
        for (DataverseWriteResult result : results) {
            PlannedWrite write = writes.get(result.index());
            if (result.succeeded()) {
                run.written(write, result.etag());
            } else if (result.status() == 412 && write.kind() == WriteKind.CREATE) {
                run.createFoundRow(write);
            } else if (result.status() == 412) {
                run.writeFailed(write, "the row changed in the target after this import read it, so it was not overwritten ("
                        + reason(result) + "); import again to apply the file's values");
            } else {
                run.writeFailed(write, reason(result));
            }
        }
    }

    /**
     * A group's whole $batch request failed (after the component's own retries): it is sent again while the
     * failure may pass, else only its records fail and the import goes on.
     */
    public void batchFailed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure, @Header(Exchange.SPLIT_INDEX) int group,
                            @ExchangeProperty("importRun") ImportRun run) {
        run.countWriteRequest();
        run.groupFailed(group, isTransient(failure), FailureMessages.of(failure));
    }

    /** No answer, a server error or throttling: the same request may well succeed later. */
    private static boolean isTransient(Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataverseException dataverse) {
                return dataverse.status() == 0 || dataverse.status() == 429 || dataverse.status() >= 500;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** Records the chunk's final results and reads the next chunk. */
    public void finishChunk(@ExchangeProperty("importRun") ImportRun run) {
        run.record(run.work().complete(run.outcomes()));
        run.advance();
    }

    /** The last pass: which targets of deferred lookups exist now. */
    public List<QuerySpec> deferredQueries(@ExchangeProperty("importRun") ImportRun run) {
        run.deferredPhase(true);
        run.deferredExisting().clear();
        List<QuerySpec> specs = new ArrayList<>();
        if (run.isDryRun()) {
            return specs;
        }
        for (LookupTargetQuery query : run.streaming().deferredQueries()) {
            specs.addAll(QuerySpecs.forLookupTargets(query, run.names().table(query.entity())));
        }
        return specs;
    }

    public void planDeferred(@ExchangeProperty("importRun") ImportRun run) {
        Map<String, Set<String>> existing = run.deferredExisting();
        if (run.isDryRun()) {
            // Nothing was created in a dry run, so targets the file would create are taken as there.
            run.streaming().deferredQueries().forEach(q -> existing.computeIfAbsent(q.entity(), t -> new HashSet<>()).addAll(q.ids()));
        }
        run.plan(run.streaming().planDeferred(existing));
    }

    public void finishDeferred(@ExchangeProperty("importRun") ImportRun run) {
        run.record(run.outcomes().results());
    }

    /**
     * Resolves each relationship of the file to the navigation property the source table's N:N relationships
     * name (a relationship the target lacks fails its associations instead), and asks which rows outside this
     * import's records exist in the target.
     */
    public List<QuerySpec> associationRowQueries(@ExchangeProperty("importRun") ImportRun run) {
        ImportAssociations associations = run.associations();
        for (CmtM2M relationship : associations.relationships()) {
            if (!run.names().has(relationship.targetEntity())) {
                associations.unavailable(relationship.relationshipName(), relationship.entity(), "the target has no table '"
                        + relationship.targetEntity() + "'");
                continue;
            }
            EntityMetadata source = run.names().table(relationship.entity());
            Optional<String> navigation = source.manyToMany(relationship.relationshipName())
                    .flatMap(r -> r.navigationFrom(relationship.entity(), relationship.targetEntity()));
            if (navigation.isPresent()) {
                run.navigations().put(relationship.relationshipName() + "\u0000" + relationship.entity(), navigation.get());
            } else {
                associations.unavailable(relationship.relationshipName(), relationship.entity(), "the target has no many-to-many relationship '"
                        + relationship.relationshipName() + "' between " + relationship.entity() + " and " + relationship.targetEntity());
            }
        }
        run.deferredExisting().clear();
        List<QuerySpec> specs = new ArrayList<>();
        for (LookupTargetQuery query : associations.rowQueries()) {
            specs.addAll(QuerySpecs.forLookupTargets(query, run.names().table(query.entity())));
        }
        return specs;
    }

    /** The reads of the associations the file's source rows have in the target, one per row and relationship (GET {@code <set>(<id>)/<navigation>}). */
    public List<AssociationQuery> associationReads(@ExchangeProperty("importRun") ImportRun run) {
        ImportAssociations associations = run.associations();
        run.deferredExisting().forEach(associations::rowsFound);
        List<AssociationQuery> reads = new ArrayList<>();
        for (ImportAssociations.Read read : associations.reads()) {
            reads.add(new AssociationQuery(run.names().entitySetName(read.sourceEntity()), read.sourceRow(),
                    run.navigations().get(read.relationship() + "\u0000" + read.sourceEntity()),
                    run.names().table(read.targetEntity()).primaryIdAttribute(), read));
        }
        return reads;
    }

    /** The table's metadata could not be read (after the component's retries): its relationships are checked without it. */
    public void associationTableUnread(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure,
                                       @ExchangeProperty("associationTable") String table) {
        LOG.warn("The metadata of table {} with its many-to-many relationships could not be read: {}", table, FailureMessages.of(failure));
    }

    /** Takes the target rows a source row is associated with now. */
    public void associationsRead(List<Map<String, Object>> rows, @ExchangeProperty("associationQuery") AssociationQuery query,
                                 @ExchangeProperty("importRun") ImportRun run) {
        run.countQueryRequest();
        run.associations().existing(query.read(), rows.stream().map(r -> String.valueOf(r.get(query.select()))).toList());
    }

    /** A read of a row's associations failed (after the component's retries): its associations fail, the import goes on. */
    public void associationsUnread(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure,
                                   @ExchangeProperty("associationQuery") AssociationQuery query, @ExchangeProperty("importRun") ImportRun run) {
        run.countQueryRequest();
        run.associations().unreadable(query.read(), FailureMessages.of(failure));
    }

    /**
     * The missing associations as {@code $batch} groups of POST .../$ref writes; the others' results are final
     * now. A dry run sends none.
     */
    public List<List<DataverseWrite>> associationWriteGroups(@ExchangeProperty("importRun") ImportRun run) {
        ImportAssociations.Plan plan = run.associations().plan(run.isDryRun());
        run.recordAssociations(plan.results());
        List<List<DataverseWrite>> groups = new ArrayList<>();
        for (List<ImportAssociations.Planned> group : run.associationGroups(plan.writes())) {
            groups.add(group.stream().map(a -> DataverseWrite.associate(run.names().entitySetName(a.sourceEntity()),
                    EntityKey.of(UUID.fromString(a.sourceRow())), run.navigations().get(a.relationship() + "\u0000" + a.sourceEntity()),
                    run.names().entitySetName(a.targetEntity()), EntityKey.of(UUID.fromString(a.targetRow())))).toList());
        }
        return groups;
    }

    /**
     * One $batch answer for associations: made, made meanwhile (Dataverse's duplicate key error 0x80040237), or
     * failed with Dataverse's message.
     */
    public void associationsAnswered(List<DataverseWriteResult> results, @Header(Exchange.SPLIT_INDEX) int group,
                                     @ExchangeProperty("importRun") ImportRun run) {
        run.countWriteRequest();
        List<ImportAssociations.Planned> writes = run.associationGroup(group);
        List<RecordResult> done = new ArrayList<>();
        for (DataverseWriteResult result : results) {
            ImportAssociations.Planned write = writes.get(result.index());
            if (result.succeeded()) {
                done.add(write.associated());
            } else if (result.errorCode().filter(DUPLICATE_KEY::equalsIgnoreCase).isPresent()) {
                done.add(write.alreadyThere());
            } else {
                done.add(write.failed(reason(result)));
            }
        }
        run.recordAssociations(done);
    }

    /** A $batch request of associations failed as a whole (after the component's retries): its associations fail, the import goes on. */
    public void associationsFailed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure, @Header(Exchange.SPLIT_INDEX) int group,
                                   @ExchangeProperty("importRun") ImportRun run) {
        run.countWriteRequest();
        String reason = "the $batch request failed: " + FailureMessages.of(failure);
        run.recordAssociations(run.associationGroup(group).stream().map(w -> w.failed(reason)).toList());
    }

    /** Closes the run and copies its results to {@code --results}, moved into place only now that the import finished. */
    public ImportReport finishImport(@ExchangeProperty("importRun") ImportRun run) throws IOException {
        closeImport(run);
        Optional<Path> copy = run.request().resultsFile();
        if (copy.isPresent()) {
            try (PendingFile results = PendingFile.beside(copy.get())) {
                Files.copy(run.resultsPath(), results.path(), StandardCopyOption.REPLACE_EXISTING);
                results.commit();
            }
        }
        ImportReport report = run.report(clock.instant());
        runs.write(run.getRunId(), IMPORT_REPORT, report);
        return report;
    }

    /** Closes the run's results and data files and forgets its state; the route calls it whether the import ended or threw. */
    public void closeImport(@ExchangeProperty("importRun") ImportRun run) {
        run.close();
    }

    private List<QuerySpec> specs(ImportQueries queries, ImportRun run) {
        List<QuerySpec> specs = new ArrayList<>();
        for (RecordQuery query : queries.recordQueries()) {
            specs.addAll(QuerySpecs.forRecords(query, run.names().table(query.entity())));
        }
        for (LookupTargetQuery query : queries.lookupTargets()) {
            specs.addAll(QuerySpecs.forLookupTargets(query, run.names().table(query.entity())));
        }
        return specs;
    }

    /**
     * Every write is keyed by its target id, so a $batch sent twice cannot duplicate a row: a create is a PATCH
     * with If-None-Match: * (412 when the row exists), an update a PATCH with If-Match on the ETag read (a row
     * changed meanwhile is a 412, never overwritten) or * where no ETag can tell (see ImportRun.WriteGroup).
     * The id is in the URL, not in the body.
     */
    private static DataverseWrite toWrite(PlannedWrite write, String ifMatch, ImportRun run) {
        String entitySet = run.names().entitySetName(write.entity());
        EntityKey key = EntityKey.of(UUID.fromString(write.targetId()));
        Map<String, Object> body = new LinkedHashMap<>(write.body());
        body.remove(run.names().table(write.entity()).primaryIdAttribute());
        DataverseWrite request = write.kind() == WriteKind.CREATE
                ? DataverseWrite.createOnly(entitySet, key, body)
                : DataverseWrite.update(entitySet, key, body, ifMatch);
        return write.disablePlugins() ? request.withHeader(HEADER_BYPASS_PLUGINS, "true") : request;
    }

    private static String reason(DataverseWriteResult result) {
        String message = result.errorMessage().orElse("no message");
        String code = result.errorCode().filter(c -> !c.isBlank()).map(c -> " " + c).orElse("");
        return result.status() > 0 ? "HTTP " + result.status() + code + " - " + message : message;
    }

    // ------------------------------------------------------------------ migrate

    /** Opens a migration and hands the export step its request: data.zip goes into the run's folder. */
    public DataExportRequest beginMigrate(MigrateRequest request, Exchange exchange) {
        String runId = RunIds.take(exchange, runs, "migrate");
        MigrationRun run = new MigrationRun(request, runId, clock.instant(), runs.file(runId, "data.zip"));
        exchange.setProperty("migration", run);
        run.running("export");
        return new DataExportRequest(request.from(), request.schema(), run.dataZip());
    }

    public DataImportRequest afterExport(ExportReport report, @ExchangeProperty("migration") MigrationRun run) {
        run.export(report);
        run.done("export", report.records() + " record(s) exported from " + report.environment() + " to " + report.file());
        run.running("import");
        return DataImportRequest.of(run.request().to(), run.dataZip()).withConnections(run.request().connections())
                .withDryRun(run.request().dryRun()).withLookupMap(run.request().lookupMap().orElse(null));
    }

    public io.dvbridge.jobs.RebindRequest afterImport(ImportReport report, @ExchangeProperty("migration") MigrationRun run) {
        run.dataImport(report);
        var c = report.results();
        String summary = (report.dryRun() ? "planned: " : "") + c.created() + " created, " + c.updated() + " updated, "
                + c.unchanged() + " unchanged, " + c.failed() + " failed in " + report.environment() + (report.associations().total() == 0 ? ""
                : "; associations: " + report.associations().created() + (report.dryRun() ? " to make, " : " made, ")
                + report.associations().unchanged() + " already there, " + report.associations().failed() + " failed")
                + " (results: " + report.resultsFile() + ")";
        if (c.failed() > 0 || report.associations().failed() > 0) {
            run.failed("import", summary + "; first failure: " + report.failures().get(0).recordId() + ": " + report.failures().get(0).message());
        } else {
            run.done("import", summary);
        }
        run.running("rebind");
        return io.dvbridge.jobs.RebindRequest.of(run.request().to()).withFeature(run.request().feature()).withDryRun(run.request().dryRun());
    }

    public void afterRebind(RebindReport report, @ExchangeProperty("migration") MigrationRun run) {
        run.rebind(report);
        var c = report.counts();
        run.done("rebind", (report.dryRun() ? "planned " + c.planned() : c.updated() + " updated") + ", " + c.unchanged()
                + " already right, " + (report.rows().size() - c.updated() - c.unchanged() - c.planned()) + " need attention (run "
                + report.runId() + ")");
    }

    /** A step threw: the migration stops there and says why. */
    public void stepFailed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure, @ExchangeProperty("migration") MigrationRun run) {
        run.failed(run.running(), FailureMessages.of(failure));
    }

    public MigrateReport finishMigrate(@ExchangeProperty("migration") MigrationRun run) {
        MigrateReport report = run.report(clock.instant());
        runs.write(run.getRunId(), MIGRATE_REPORT, report);
        return report;
    }
}
