package io.dvbridge.cmt;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The planner sends only what the target's metadata takes, and predicts what the target would refuse. */
class TargetColumnRulesTest {

    private static final String ID = "10000000-0000-0000-0000-000000000001";
    private static final String SCHEMA = """
            <entities>
              <entity name="dvb_item" displayname="Item" primaryidfield="dvb_itemid" primarynamefield="dvb_name" disableplugins="false">
                <fields>
                  <field name="dvb_itemid" type="guid" primaryKey="true" />
                  <field name="dvb_name" type="string" />
                  <field name="dvb_amount" type="money" />
                  <field name="dvb_amount_base" type="money" />
                  <field name="dvb_kind" type="optionsetvalue" />
                  <field name="createdon" type="datetime" />
                  <field name="modifiedon" type="datetime" />
                  <field name="versionnumber" type="bigint" />
                </fields>
              </entity>
              <entity name="dvb_setting" displayname="Setting" primaryidfield="dvb_settingid" disableplugins="false" skipupdate="true">
                <fields>
                  <field name="dvb_settingid" type="guid" primaryKey="true" />
                  <field name="dvb_value" type="string" />
                </fields>
              </entity>
            </entities>
            """;

    /** Columns as a real target describes them: system columns not valid for create or update. */
    private static final Map<String, TargetColumn> COLUMNS = Map.of(
            "dvb_name", column("dvb_name", "String", true, true, OptionalInt.of(10), List.of()),
            "dvb_amount", column("dvb_amount", "Money", true, true, OptionalInt.empty(), List.of()),
            "dvb_amount_base", column("dvb_amount_base", "Money", false, false, OptionalInt.empty(), List.of()),
            "dvb_kind", column("dvb_kind", "Picklist", true, true, OptionalInt.empty(), List.of(1, 2)),
            "createdon", column("createdon", "DateTime", false, false, OptionalInt.empty(), List.of()),
            "overriddencreatedon", column("overriddencreatedon", "DateTime", true, false, OptionalInt.empty(), List.of()),
            "modifiedon", column("modifiedon", "DateTime", false, false, OptionalInt.empty(), List.of()),
            "dvb_value", column("dvb_value", "String", true, true, OptionalInt.empty(), List.of()));

    private final CmtSchema schema = new CmtSchemaReader().read(new ByteArrayInputStream(SCHEMA.getBytes(StandardCharsets.UTF_8)), "schema.xml");
    private List<String> required = List.of();
    private final ImportPlanner planner = new ImportPlanner(new WebApiNames() {
        @Override
        public String entitySetName(String table) {
            return table + "s";
        }

        @Override
        public String lookupNavigationProperty(String table, String lookupField, String targetTable) {
            return lookupField;
        }

        @Override
        public Optional<TargetColumn> column(String table, String column) {
            return Optional.ofNullable(COLUMNS.get(column));
        }

        @Override
        public List<String> requiredForCreate(String table) {
            return required;
        }
    }, Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));

    TargetColumnRulesTest() throws IOException {
    }

    private static TargetColumn column(String name, String type, boolean create, boolean update, OptionalInt max, List<Integer> options) {
        return new TargetColumn(name, type, "None", create, update, max, options);
    }

    private static CmtRecord item(String name, String... more) {
        List<CmtFieldValue> fields = new java.util.ArrayList<>(List.of(CmtFieldValue.of("dvb_itemid", ID), CmtFieldValue.of("dvb_name", name),
                CmtFieldValue.of("dvb_amount", "11.5000000000"), CmtFieldValue.of("dvb_amount_base", "11.5000000000"),
                CmtFieldValue.of("createdon", "2020-05-06T07:08:09.0000000Z"), CmtFieldValue.of("modifiedon", "2021-05-06T07:08:09.0000000Z"),
                CmtFieldValue.of("versionnumber", "123456")));
        for (int i = 0; i < more.length; i += 2) {
            fields.add(CmtFieldValue.of(more[i], more[i + 1]));
        }
        return new CmtRecord("dvb_item", ID, fields, 3);
    }

    private ImportPlan plan(FakeTarget target, CmtRecord... records) {
        ImportData data = ImportData.of(schema, Optional.empty(), List.of(records), List.of());
        return planner.plan(data, target.answer(planner.queries(data)));
    }

    @Test
    void a_create_leaves_out_system_columns_and_sends_createdon_as_overriddencreatedon_naming_each_field_once() {
        ImportPlan plan = plan(new FakeTarget(schema), item("Widget"), new CmtRecord("dvb_item", "10000000-0000-0000-0000-000000000002",
                item("Gadget").fields().stream().map(f -> f.name().equals("dvb_itemid")
                        ? CmtFieldValue.of("dvb_itemid", "10000000-0000-0000-0000-000000000002") : f).toList(), 9));

        assertThat(plan.writes()).hasSize(2).allSatisfy(w -> assertThat(w.body()).containsOnlyKeys("dvb_itemid", "dvb_name", "dvb_amount",
                "overriddencreatedon"));
        assertThat(plan.writes().get(0).body()).containsEntry("overriddencreatedon", "2020-05-06T07:08:09Z");
        assertThat(plan.notices()).hasSize(4).anySatisfy(n -> assertThat(n).startsWith("dvb_item.createdon: not valid for create")
                        .contains("goes to overriddencreatedon"))
                .anySatisfy(n -> assertThat(n).startsWith("dvb_item.dvb_amount_base: not valid for create"))
                .anySatisfy(n -> assertThat(n).startsWith("dvb_item.modifiedon: not valid for create"))
                .anySatisfy(n -> assertThat(n).startsWith("dvb_item.versionnumber: the target table has no such column"));
    }

    @Test
    void an_existing_record_whose_writable_fields_agree_is_unchanged_whatever_its_system_columns_say() {
        FakeTarget target = new FakeTarget(schema).row("dvb_item", Map.of("dvb_itemid", ID, "dvb_name", "Widget",
                "dvb_amount", new java.math.BigDecimal("11.5"), "createdon", "2024-01-01T00:00:00Z"));

        ImportPlan plan = plan(target, item("Widget"));

        assertThat(plan.writes()).isEmpty();
        assertThat(plan.results()).singleElement().extracting(RecordResult::outcome).isEqualTo(Outcome.UNCHANGED);
        assertThat(plan.notices()).anySatisfy(n -> assertThat(n).startsWith("dvb_item.createdon: not valid for update"));
    }

    @Test
    void what_the_target_would_refuse_fails_the_record_before_anything_is_sent() {
        ImportPlan tooLong = plan(new FakeTarget(schema), item("A name far too long"));
        ImportPlan badChoice = plan(new FakeTarget(schema), item("Widget", "dvb_kind", "7"));
        required = List.of("dvb_value_required");
        ImportPlan missing = plan(new FakeTarget(schema), item("Widget"));

        assertThat(tooLong.writes()).isEmpty();
        assertThat(tooLong.results().get(0).message()).isEqualTo("field 'dvb_name' has 19 characters; the target column takes at most 10 (data.xml line 3)");
        assertThat(badChoice.results().get(0).message()).contains("field 'dvb_kind': 7 is not one of the target column's choices [1, 2]");
        assertThat(missing.results().get(0).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(missing.results().get(0).message()).contains("the target requires [dvb_value_required] (SystemRequired)");
    }

    @Test
    void skipupdate_leaves_existing_records_as_they_are_and_still_creates_missing_ones() {
        String existing = "30000000-0000-0000-0000-000000000001";
        String missing = "30000000-0000-0000-0000-000000000002";
        FakeTarget target = new FakeTarget(schema).row("dvb_setting", Map.of("dvb_settingid", existing, "dvb_value", "tuned by hand"));

        ImportPlan plan = plan(target,
                new CmtRecord("dvb_setting", existing, List.of(CmtFieldValue.of("dvb_settingid", existing), CmtFieldValue.of("dvb_value", "default")), 0),
                new CmtRecord("dvb_setting", missing, List.of(CmtFieldValue.of("dvb_settingid", missing), CmtFieldValue.of("dvb_value", "default")), 0));

        assertThat(plan.writes()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(WriteKind.CREATE);
            assertThat(w.recordId()).isEqualTo(missing);
        });
        assertThat(plan.results()).filteredOn(r -> r.recordId().equals(existing)).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(r.message()).contains("skipupdate");
        });
    }

    @Test
    void an_entity_without_a_primary_name_is_matched_by_id_and_never_queried_by_name() {
        String id = "30000000-0000-0000-0000-000000000003";
        ImportData data = ImportData.of(schema, Optional.empty(),
                List.of(new CmtRecord("dvb_setting", id, List.of(CmtFieldValue.of("dvb_settingid", id), CmtFieldValue.of("dvb_value", "x")), 0)), List.of());

        assertThat(schema.entity("dvb_setting").orElseThrow().primaryNameField()).isEmpty();
        assertThat(planner.queries(data).recordQueries()).extracting(RecordQuery::kind).containsExactly(MatchKind.BY_ID);
    }
}
