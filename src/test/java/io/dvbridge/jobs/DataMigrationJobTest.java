package io.dvbridge.jobs;

import io.dvbridge.cmt.Outcome;
import io.dvbridge.cmt.RecordResult;
import io.dvbridge.cmt.ResultsFile;
import io.dvbridge.sandbox.dataverse.StoredRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Export and import through routes/config-migration.camel.yaml, camel-main and HTTPS to a sandbox built per test. */
class DataMigrationJobTest {

    static final String ROOT = "c0000000-0000-4000-8000-000000000002";
    static final String CHILD = "c0000000-0000-4000-8000-000000000001"; // sorts (and is exported) before its parent
    static final String ITEM_A = "a0000000-0000-4000-8000-000000000001";
    static final String ITEM_B = "a0000000-0000-4000-8000-000000000002";
    static final String ITEM_C = "a0000000-0000-4000-8000-000000000003";

    /** Items first: the file order is not the import order. Categories point at categories (a parent after its child). */
    static final String SCHEMA = """
            <entities>
              <entity name="dvb_item" displayname="Item" etc="10001" primaryidfield="dvb_itemid" primarynamefield="dvb_name" disableplugins="true">
                <fields>
                  <field displayname="Item" name="dvb_itemid" type="guid" primaryKey="true" />
                  <field displayname="Name" name="dvb_name" type="string" />
                  <field displayname="Code" name="dvb_code" type="string" updateCompare="true" />
                  <field displayname="Note" name="dvb_note" type="string" />
                  <field displayname="Price" name="dvb_price" type="money" />
                  <field displayname="Quantity" name="dvb_qty" type="number" />
                  <field displayname="Ratio" name="dvb_ratio" type="decimal" />
                  <field displayname="Active" name="dvb_active" type="bool" />
                  <field displayname="Due" name="dvb_due" type="datetime" />
                  <field displayname="Kind" name="dvb_kind" type="optionsetvalue" />
                  <field displayname="Category" name="dvb_categoryid" type="entityreference" lookupType="dvb_category" />
                </fields>
              </entity>
              <entity name="dvb_category" displayname="Category" etc="10002" primaryidfield="dvb_categoryid" primarynamefield="dvb_name" disableplugins="false">
                <fields>
                  <field displayname="Category" name="dvb_categoryid" type="guid" primaryKey="true" />
                  <field displayname="Name" name="dvb_name" type="string" />
                  <field displayname="Parent" name="dvb_parentid" type="entityreference" lookupType="dvb_category" />
                </fields>
              </entity>
            </entities>
            """;

    /** Lookups carry SchemaName casing, so writes must use the exact navigation property names from the metadata. */
    static String tables(int noteMaxLength, String extraCategoryRows, String extraItemRows) {
        return """
                  - logicalName: dvb_category
                    entitySetName: dvb_categories
                    primaryName: dvb_name
                    columns:
                      - {name: dvb_parentid, schemaName: dvb_ParentId, type: Lookup, targets: [dvb_category]}
                    rows: [%s]
                  - logicalName: dvb_item
                    entitySetName: dvb_items
                    primaryName: dvb_name
                    columns:
                      - {name: dvb_code, type: String, maxLength: 20}
                      - {name: dvb_note, type: String, maxLength: %d}
                      - {name: dvb_price, type: Money}
                      - {name: dvb_qty, type: Integer}
                      - {name: dvb_ratio, type: Decimal, precision: 4}
                      - {name: dvb_active, type: Boolean}
                      - {name: dvb_due, type: DateTime}
                      - {name: dvb_kind, type: Picklist, options: {1: Tool, 2: Part}}
                      - {name: dvb_categoryid, schemaName: dvb_CategoryId, type: Lookup, targets: [dvb_category]}
                    rows: [%s]
                """.formatted(extraCategoryRows, noteMaxLength, extraItemRows).indent(4);
    }

    static String world(int targetNoteMaxLength, String targetCategories, String targetItems) {
        String sourceCategories = "{dvb_categoryid: " + CHILD + ", dvb_name: Child, dvb_parentid: " + ROOT + "}, "
                + "{dvb_categoryid: " + ROOT + ", dvb_name: Root}";
        String sourceItems = "{dvb_itemid: " + ITEM_A + ", dvb_name: Hammer, dvb_code: H-1, dvb_note: \"O'Brien & Sons <tools>\", dvb_price: 12.5,"
                + " dvb_qty: 3, dvb_ratio: 0.1250, dvb_active: true, dvb_due: 2024-06-15T14:30:00Z, dvb_kind: 1, dvb_categoryid: " + CHILD + "}, "
                + "{dvb_itemid: " + ITEM_B + ", dvb_name: Nail, dvb_code: N-1, dvb_note: \"a much longer note\", dvb_price: 0.05,"
                + " dvb_qty: 1000, dvb_active: false, dvb_kind: 2, dvb_categoryid: " + ROOT + "}, "
                + "{dvb_itemid: " + ITEM_C + ", dvb_name: Loose, dvb_code: L-1}";
        return "environments:\n  - name: src\n    tenant: contoso\n    tables:\n" + tables(100, sourceCategories, sourceItems)
                + "  - name: dst\n    tenant: contoso\n    tables:\n" + tables(targetNoteMaxLength, targetCategories, targetItems);
    }

    @TempDir
    Path dir;
    MigrationWorld world;

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    private Path schemaFile() throws IOException {
        Path schema = dir.resolve("schema.xml");
        Files.writeString(schema, SCHEMA);
        return schema;
    }

    private Path export() throws IOException {
        Path zip = dir.resolve("out/data.zip");
        ExportReport report = world.runtime.exportData(new DataExportRequest("src", schemaFile(), zip));
        assertThat(report.recordsByEntity()).containsEntry("dvb_item", 3L).containsEntry("dvb_category", 2L);
        return zip;
    }

    private static Map<UUID, Map<String, Object>> byId(List<StoredRow> rows) {
        return rows.stream().collect(Collectors.toMap(StoredRow::id, r -> withoutSystemColumns(r.values())));
    }

    private static Map<String, Object> withoutSystemColumns(Map<String, Object> values) {
        return values.entrySet().stream().filter(e -> e.getValue() != null && !e.getKey().equals("createdon") && !e.getKey().equals("modifiedon"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Map<String, RecordResult> results(ImportReport report) throws IOException {
        try (Reader in = Files.newBufferedReader(Path.of(report.resultsFile()))) {
            return ResultsFile.read(in).stream().collect(Collectors.toMap(RecordResult::recordId, Function.identity()));
        }
    }

    @Test
    void dev_to_data_zip_to_prod_reproduces_every_field_and_a_second_import_changes_nothing() throws IOException {
        world = new MigrationWorld(dir, world(100, "", ""), "src", "dst");
        Path zip = export();

        ImportReport first = world.runtime.importData(DataImportRequest.of("dst", zip).withChunkSize(1));
        assertThat(first.results().created()).isEqualTo(5);
        assertThat(first.results().failed()).isZero();
        assertThat(first.exitCode()).isZero();
        assertThat(byId(world.rows("dst", "dvb_items"))).isEqualTo(byId(world.rows("src", "dvb_items")));
        assertThat(byId(world.rows("dst", "dvb_categories"))).isEqualTo(byId(world.rows("src", "dvb_categories")));

        world.sandbox.requestLog().clear();
        ImportReport second = world.runtime.importData(DataImportRequest.of("dst", zip));
        assertThat(second.results().unchanged()).isEqualTo(5);
        assertThat(second.results().total()).isEqualTo(5);
        assertThat(results(second).values()).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.UNCHANGED));
        assertThat(world.writeRequests()).isZero();
        assertThat(world.runtime.runStore().exists(second.runId(), "report.json")).isTrue();
    }

    @Test
    void records_are_matched_by_id_by_update_compare_fields_and_by_primary_name() throws IOException {
        String otherRoot = "d0000000-0000-4000-8000-0000000000aa";
        String otherHammer = "d0000000-0000-4000-8000-0000000000bb";
        world = new MigrationWorld(dir, world(100,
                "{dvb_categoryid: " + otherRoot + ", dvb_name: root}",
                "{dvb_itemid: " + otherHammer + ", dvb_name: Old hammer, dvb_code: H-1}, {dvb_itemid: " + ITEM_B + ", dvb_name: Nail, dvb_code: N-1}"),
                "src", "dst");
        Path zip = export();

        ImportReport report = world.runtime.importData(DataImportRequest.of("dst", zip));
        Map<String, RecordResult> results = results(report);
        assertThat(report.results().failed()).isZero();
        assertThat(results.get(ROOT).message()).contains("matched by primary name");
        assertThat(results.get(ROOT).targetId()).contains(otherRoot);
        assertThat(results.get(ITEM_A).message()).contains("matched by updateCompare");
        assertThat(results.get(ITEM_A).targetId()).contains(otherHammer);
        assertThat(results.get(ITEM_B).message()).contains("matched by id");
        assertThat(world.rows("dst", "dvb_items")).hasSize(3);
        assertThat(world.rows("dst", "dvb_categories")).hasSize(2);
        StoredRow hammer = world.table("dst", "dvb_items").row(UUID.fromString(otherHammer)).orElseThrow();
        assertThat(hammer.get("dvb_name")).isEqualTo("Hammer");
        // The child points at the target's own root, not at the file's id for it.
        StoredRow child = world.table("dst", "dvb_categories").row(UUID.fromString(CHILD)).orElseThrow();
        assertThat(child.get("_dvb_parentid_value")).isEqualTo(UUID.fromString(otherRoot));
        StoredRow nail = world.table("dst", "dvb_items").row(UUID.fromString(ITEM_B)).orElseThrow();
        assertThat(nail.get("_dvb_categoryid_value")).isEqualTo(UUID.fromString(otherRoot));
    }

    @Test
    void a_value_too_long_for_the_column_fails_that_record_by_the_targets_metadata_while_the_others_land() throws IOException {
        world = new MigrationWorld(dir, world(10, "", ""), "src", "dst");
        Path zip = export();

        ImportReport report = world.runtime.importData(DataImportRequest.of("dst", zip).withConnections(2));
        Map<String, RecordResult> results = results(report);
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.results().failed()).isEqualTo(2); // both notes are longer than 10
        assertThat(results.get(ITEM_A).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(results.get(ITEM_A).message()).contains("the target column takes at most 10");
        assertThat(report.failures()).extracting(ImportReport.Failure::recordId).contains(ITEM_A, ITEM_B);
        assertThat(results.get(ITEM_C).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(world.rows("dst", "dvb_items")).extracting(StoredRow::id).containsExactly(UUID.fromString(ITEM_C));
        assertThat(world.rows("dst", "dvb_categories")).hasSize(2);
    }
}
