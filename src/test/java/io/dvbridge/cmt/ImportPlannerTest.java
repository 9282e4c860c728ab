package io.dvbridge.cmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImportPlannerTest {

    private static final String ACME = "10000000-0000-0000-0000-000000000001";
    private static final String GLOBEX = "10000000-0000-0000-0000-000000000002";
    private static final String ANN = "20000000-0000-0000-0000-000000000001";
    private static final String BOB = "20000000-0000-0000-0000-000000000002";
    private static final String SETTING = "30000000-0000-0000-0000-000000000001";
    private static final String USER = "40000000-0000-0000-0000-000000000001";
    private static final String ELSEWHERE = "90000000-0000-0000-0000-000000000009";

    private final CmtSchema schema = CmtSchemaReaderTest.resource("planner-schema.xml");
    private final ImportPlanner planner = new ImportPlanner(FakeTarget.NAMES,
            Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));

    ImportPlannerTest() throws IOException {
    }

    private static CmtFieldValue value(String name, String value) {
        return CmtFieldValue.of(name, value);
    }

    private static CmtFieldValue lookup(String name, String id, String table) {
        return CmtFieldValue.lookup(name, id, table, Optional.empty());
    }

    private static CmtRecord account(String id, String name, CmtFieldValue... more) {
        List<CmtFieldValue> fields = new ArrayList<>(List.of(value("accountid", id), value("name", name)));
        fields.addAll(List.of(more));
        return new CmtRecord("account", id, fields, 0);
    }

    private static CmtRecord contact(String id, String name, CmtFieldValue... more) {
        List<CmtFieldValue> fields = new ArrayList<>(List.of(value("contactid", id), value("fullname", name)));
        fields.addAll(List.of(more));
        return new CmtRecord("contact", id, fields, 0);
    }

    private ImportData data(CmtRecord... records) {
        return ImportData.of(schema, Optional.of(Instant.parse("2024-12-01T00:00:00Z")), List.of(records), List.of());
    }

    private ImportPlan plan(ImportData data, FakeTarget target) {
        return planner.plan(data, target.answer(planner.queries(data)));
    }

    private static RecordResult result(ImportPlan plan, String id) {
        return plan.results().stream().filter(r -> r.recordId().equals(id)).findFirst().orElseThrow();
    }

    private static List<PlannedWrite> writesOf(ImportPlan plan, String id) {
        return plan.writes().stream().filter(w -> w.recordId().equals(id)).toList();
    }

    @Test
    void record_matched_by_id_updates_only_the_fields_that_differ() {
        FakeTarget target = new FakeTarget(schema).row("account", Map.of("accountid", ACME, "name", "Acme",
                "revenue", 100.0, "industrycode", 3));
        ImportPlan plan = plan(data(account(ACME, "Acme", value("revenue", "250.00"), value("industrycode", "3"))), target);

        assertThat(result(plan, ACME).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(result(plan, ACME).message()).isEqualTo("matched by id; changed revenue");
        assertThat(plan.writes()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(WriteKind.UPDATE);
            assertThat(w.pass()).isEqualTo(1);
            assertThat(w.targetId()).isEqualTo(ACME);
            assertThat(w.body()).containsExactly(entry("revenue", new BigDecimal("250.00")));
            assertThat(w.disablePlugins()).isTrue();
        });
    }

    @Test
    void record_matched_by_update_compare_fields_is_updated_under_the_target_id() {
        String existing = "31000000-0000-0000-0000-000000000001";
        FakeTarget target = new FakeTarget(schema).row("dvb_setting",
                Map.of("dvb_settingid", existing, "dvb_name", "Other name", "dvb_key", "theme", "dvb_value", "dark"));
        CmtRecord setting = new CmtRecord("dvb_setting", SETTING, List.of(value("dvb_settingid", SETTING),
                value("dvb_name", "Theme"), value("dvb_key", "THEME"), value("dvb_value", "light")), 0);

        ImportPlan plan = plan(data(setting), target);

        RecordResult result = result(plan, SETTING);
        assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(result.targetId()).contains(existing);
        // Matching ignores case as Dataverse queries do; the value itself is compared exactly.
        assertThat(result.message()).isEqualTo("matched by updateCompare field(s) dvb_key (target id " + existing
                + "); changed dvb_name, dvb_key, dvb_value");
        assertThat(plan.writes()).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo(existing);
            assertThat(w.body()).containsOnly(entry("dvb_name", "Theme"), entry("dvb_key", "THEME"), entry("dvb_value", "light"));
            assertThat(w.disablePlugins()).isFalse();
        });
    }

    @Test
    void record_matched_by_primary_name_when_id_and_update_compare_find_nothing() {
        String existing = "11000000-0000-0000-0000-000000000001";
        FakeTarget target = new FakeTarget(schema).row("account", Map.of("accountid", existing, "name", "ACME"));

        ImportPlan plan = plan(data(account(ACME, "Acme")), target);

        assertThat(result(plan, ACME).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(result(plan, ACME).message()).startsWith("matched by primary name 'Acme'");
        assertThat(plan.writes()).singleElement().satisfies(w -> assertThat(w.body()).containsExactly(entry("name", "Acme")));
    }

    @Test
    void primary_name_with_several_candidates_fails_the_record_and_the_others_proceed() {
        FakeTarget target = new FakeTarget(schema)
                .row("account", Map.of("accountid", "11000000-0000-0000-0000-000000000001", "name", "Acme"))
                .row("account", Map.of("accountid", "11000000-0000-0000-0000-000000000002", "name", "acme"));

        ImportPlan plan = plan(data(account(ACME, "Acme"), account(GLOBEX, "Globex")), target);

        RecordResult acme = result(plan, ACME);
        assertThat(acme.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(acme.message()).contains("2 rows in the target have the primary name 'Acme'")
                .contains("11000000-0000-0000-0000-000000000001").contains("11000000-0000-0000-0000-000000000002")
                .contains("does not guess");
        assertThat(writesOf(plan, ACME)).isEmpty();
        assertThat(result(plan, GLOBEX).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(plan.plannedCounts()).isEqualTo(new ResultCounts(1, 0, 0, 1));
    }

    @Test
    void importing_the_same_data_twice_leaves_everything_unchanged_the_second_time() {
        FakeTarget target = new FakeTarget(schema).exists("systemuser", USER);
        ImportData data = data(
                contact(ANN, "Ann", lookup("parentcustomerid", ACME, "account"), value("statecode", "1"), value("statuscode", "2")),
                account(ACME, "Acme", lookup("primarycontactid", ANN, "contact"), lookup("ownerid", USER, "systemuser"),
                        value("revenue", "10.50"), value("industrycode", "7"), value("dvb_regions", "[-1,2,1,-1]"),
                        value("lastonholdtime", "2024-06-15T14:30:00.0000000Z"), value("donotemail", "True")),
                account(GLOBEX, "Globex", lookup("parentaccountid", ACME, "account")),
                new CmtRecord("dvb_setting", SETTING, List.of(value("dvb_settingid", SETTING), value("dvb_name", "Theme"),
                        value("dvb_key", "theme")), 0));

        ImportPlan first = plan(data, target);
        assertThat(first.results()).extracting(RecordResult::outcome).containsOnly(Outcome.CREATED);
        target.apply(first.writes());
        ImportPlan second = plan(data, target);

        assertThat(second.results()).extracting(RecordResult::outcome).containsOnly(Outcome.UNCHANGED);
        assertThat(second.results()).allSatisfy(r -> assertThat(r.message()).isEqualTo("matched by id; no differences"));
        assertThat(second.writes()).isEmpty();
        assertThat(second.plannedCounts()).isEqualTo(new ResultCounts(0, 0, 4, 0));
    }

    @Test
    void child_before_parent_in_the_file_still_gets_its_lookup_after_the_parent_exists() {
        FakeTarget target = new FakeTarget(schema);
        ImportData data = data(
                account(GLOBEX, "Globex", lookup("parentaccountid", ACME, "account")),
                contact(ANN, "Ann", lookup("parentcustomerid", ACME, "account")),
                account(ACME, "Acme"));

        ImportPlan plan = plan(data, target);
        target.apply(plan.writes());

        assertThat(plan.results()).extracting(RecordResult::outcome).containsOnly(Outcome.CREATED);
        assertThat(target.get("account", GLOBEX)).containsEntry("_parentaccountid_value", ACME);
        assertThat(target.get("contact", ANN)).containsEntry("_parentcustomerid_value", ACME)
                .containsEntry("_parentcustomerid_value" + WebApiRecords.LOOKUP_LOGICAL_NAME, "account");
        // account is imported before contact (entityImportOrder), so the contact binds in its create;
        // Globex -> Acme is within one entity and waits for pass 2.
        assertThat(writesOf(plan, ANN)).singleElement().satisfies(w ->
                assertThat(w.body()).containsEntry("parentcustomerid_account@odata.bind", "/accounts(" + ACME + ")"));
        assertThat(writesOf(plan, GLOBEX)).extracting(PlannedWrite::pass).containsExactly(1, 2);
        assertThat(writesOf(plan, GLOBEX).get(1).body()).containsExactly(entry("parentaccountid@odata.bind", "/accounts(" + ACME + ")"));
    }

    @Test
    void lookups_between_tables_that_point_at_each_other_wait_for_pass_two() {
        CmtSchema unordered = new CmtSchema(schema.entities(), List.of(), Optional.empty());
        ImportPlanner plannerForCycle = new ImportPlanner(FakeTarget.NAMES, Clock.systemUTC());
        ImportData data = ImportData.of(unordered, Optional.empty(), List.of(
                account(ACME, "Acme", lookup("primarycontactid", ANN, "contact")),
                contact(ANN, "Ann", lookup("parentcustomerid", ACME, "account"))), List.of());
        FakeTarget target = new FakeTarget(unordered);

        ImportPlan plan = plannerForCycle.plan(data, target.answer(plannerForCycle.queries(data)));
        target.apply(plan.writes());

        // contact comes first (schema order breaks the cycle): its parent does not exist yet.
        assertThat(plan.writes(1)).extracting(PlannedWrite::recordId).containsExactly(ANN, ACME);
        assertThat(plan.writes(2)).singleElement().satisfies(w -> {
            assertThat(w.recordId()).isEqualTo(ANN);
            assertThat(w.body()).containsExactly(entry("parentcustomerid_account@odata.bind", "/accounts(" + ACME + ")"));
        });
        assertThat(writesOf(plan, ACME).get(0).body()).containsEntry("primarycontactid@odata.bind", "/contacts(" + ANN + ")");
        assertThat(result(plan, ANN).message()).isEqualTo("created; lookups [parentcustomerid_account] set after their targets are created");
        assertThat(target.get("contact", ANN)).containsEntry("_parentcustomerid_value", ACME);
        assertThat(target.get("account", ACME)).containsEntry("_primarycontactid_value", ANN);
    }

    @Test
    void without_an_import_order_tables_are_ordered_by_their_lookups() throws IOException {
        CmtSchema unordered = new CmtSchema(schema.entities(), List.of(), Optional.empty());

        assertThat(ImportOrder.of(unordered)).extracting(CmtEntity::name).containsExactly("dvb_setting", "contact", "account");
        CmtEntity child = new CmtEntity("child", "Child", Optional.empty(), "childid", Optional.of("name"), false, false,
                List.of(new CmtField("parentid", "Parent", CmtFieldType.ENTITYREFERENCE, false, Optional.of("parent"),
                        false, false, Optional.empty())), Optional.empty(), List.of());
        CmtEntity parent = new CmtEntity("parent", "Parent", Optional.empty(), "parentid", Optional.of("name"), false, false,
                List.of(), Optional.empty(), List.of());
        assertThat(ImportOrder.of(new CmtSchema(List.of(child, parent), List.of(), Optional.empty())))
                .extracting(CmtEntity::name).containsExactly("parent", "child");
    }

    @Test
    void dangling_lookup_fails_its_record_naming_field_and_target_while_the_others_land() {
        FakeTarget target = new FakeTarget(schema);
        ImportData data = data(
                account(ACME, "Acme"),
                contact(ANN, "Ann", lookup("parentcustomerid", ELSEWHERE, "account")),
                contact(BOB, "Bob", lookup("parentcustomerid", ANN, "contact")),
                account(GLOBEX, "Globex", lookup("parentaccountid", ACME, "account")));

        ImportPlan plan = plan(data, target);
        target.apply(plan.writes());

        assertThat(result(plan, ANN).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result(plan, ANN).message()).isEqualTo("lookup field 'parentcustomerid' points to account " + ELSEWHERE
                + ", which is neither in the file nor in the target environment");
        assertThat(result(plan, BOB).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result(plan, BOB).message()).contains("points to contact " + ANN + ", which is in the file but cannot be imported");
        assertThat(result(plan, ACME).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(result(plan, GLOBEX).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(target.count("contact")).isZero();
        assertThat(target.count("account")).isEqualTo(2);
    }

    @Test
    void lookup_to_a_parent_matched_under_another_id_is_remapped_to_the_target_id() {
        String acmeInTarget = "11000000-0000-0000-0000-00000000000a";
        FakeTarget target = new FakeTarget(schema).row("account", Map.of("accountid", acmeInTarget, "name", "Acme"));
        ImportData data = data(account(ACME, "Acme"), contact(ANN, "Ann", lookup("parentcustomerid", ACME, "account")));

        ImportPlan plan = plan(data, target);
        target.apply(plan.writes());

        assertThat(result(plan, ACME).outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(result(plan, ACME).targetId()).contains(acmeInTarget);
        assertThat(writesOf(plan, ANN)).singleElement().satisfies(w ->
                assertThat(w.body()).containsEntry("parentcustomerid_account@odata.bind", "/accounts(" + acmeInTarget + ")"));
        assertThat(target.get("contact", ANN)).containsEntry("_parentcustomerid_value", acmeInTarget);
        assertThat(target.count("account")).isEqualTo(1);
    }

    @Test
    void state_and_status_are_set_in_a_last_pass_after_records_and_lookups() {
        FakeTarget target = new FakeTarget(schema).row("account",
                Map.of("accountid", GLOBEX, "name", "Globex", "statecode", 0, "statuscode", 1));
        ImportData data = data(
                account(ACME, "Acme", value("statecode", "1"), value("statuscode", "2")),
                account(GLOBEX, "Globex", value("statecode", "1"), value("statuscode", "2")));

        ImportPlan plan = plan(data, target);

        PlannedWrite create = writesOf(plan, ACME).get(0);
        assertThat(create.kind()).isEqualTo(WriteKind.CREATE);
        assertThat(create.body()).containsOnlyKeys("accountid", "name");
        assertThat(plan.writes(3)).extracting(PlannedWrite::recordId).containsExactly(ACME, GLOBEX);
        assertThat(plan.writes(3)).allSatisfy(w -> {
            assertThat(w.kind()).isEqualTo(WriteKind.SET_STATE);
            assertThat(w.body()).containsExactly(entry("statecode", 1), entry("statuscode", 2));
        });
        assertThat(plan.writes().get(plan.writes().size() - 1).pass()).isEqualTo(3);
        assertThat(result(plan, GLOBEX).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(result(plan, GLOBEX).message()).isEqualTo("matched by id; changed statecode, statuscode");
        target.apply(plan.writes());
        assertThat(plan(data, target).writes()).isEmpty();
    }

    @Test
    void queries_ask_for_ids_update_compare_keys_names_and_outside_lookup_targets() {
        ImportData data = data(
                account(ACME, "Acme", lookup("ownerid", USER, "systemuser"), lookup("primarycontactid", ANN, "contact")),
                contact(ANN, "Ann"),
                new CmtRecord("dvb_setting", SETTING, List.of(value("dvb_settingid", SETTING), value("dvb_key", "theme")), 0));

        ImportQueries queries = planner.queries(data);

        assertThat(queries.recordQueries()).extracting(q -> q.entity() + " " + q.kind() + " " + q.attributes() + " " + q.keys())
                .containsExactly(
                        "dvb_setting BY_ID [dvb_settingid] [[" + SETTING + "]]",
                        "dvb_setting BY_UPDATE_COMPARE [dvb_key] [[theme]]",
                        "account BY_ID [accountid] [[" + ACME + "]]",
                        "account BY_PRIMARY_NAME [name] [[Acme]]",
                        "contact BY_ID [contactid] [[" + ANN + "]]",
                        "contact BY_PRIMARY_NAME [fullname] [[Ann]]");
        assertThat(queries.recordQueries().get(2).select()).contains("accountid", "name", "_parentaccountid_value", "_ownerid_value");
        assertThat(queries.lookupTargets()).containsExactly(new LookupTargetQuery("systemuser", List.of(USER)));
    }

    @Test
    void write_failures_reported_by_the_route_turn_records_failed_with_the_step_that_failed() {
        ImportPlan plan = plan(data(account(ACME, "Acme", value("statecode", "1")), account(GLOBEX, "Globex")), new FakeTarget(schema));
        ImportOutcomes outcomes = plan.outcomes();

        outcomes.writeFailed(plan.writes(3).get(0), "400 0x80040203 invalid state");
        outcomes.writeFailed(writesOf(plan, GLOBEX).get(0), "412 duplicate");

        assertThat(outcomes.results()).containsExactly(
                new RecordResult("account", ACME, Optional.of(ACME), Outcome.FAILED,
                        "created, but setting state/status failed: 400 0x80040203 invalid state"),
                new RecordResult("account", GLOBEX, Optional.empty(), Outcome.FAILED, "create failed: 412 duplicate"));
        assertThat(outcomes.counts()).isEqualTo(new ResultCounts(0, 0, 0, 2));
        assertThat(plan.plannedCounts()).isEqualTo(new ResultCounts(2, 0, 0, 0));
    }

    @Test
    void relative_dates_move_by_the_time_since_export() {
        CmtSchema relative = new CmtSchema(schema.entities(), schema.entityImportOrder(), Optional.of(CmtDateMode.RELATIVE));
        ImportData data = ImportData.of(relative, Optional.of(Instant.parse("2024-12-01T00:00:00Z")),
                List.of(account(ACME, "Acme", value("lastonholdtime", "2024-11-30T12:00:00.0000000Z"))), List.of());

        ImportPlan plan = planner.plan(data, new FakeTarget(relative).answer(planner.queries(data)));

        assertThat(plan.writes().get(0).body()).containsEntry("lastonholdtime", "2024-12-31T12:00:00Z");
    }

    @Test
    void many_to_many_associations_in_the_file_are_reported_not_silently_dropped() {
        ImportData data = ImportData.of(schema, Optional.empty(), List.of(account(ACME, "Acme")),
                List.of(new CmtM2M("account", "accountleads_association", ACME, "lead", "leadid", List.of(ELSEWHERE))));

        ImportPlan plan = planner.plan(data, new FakeTarget(schema).answer(planner.queries(data)));

        assertThat(plan.notices()).singleElement().asString().contains("1 many-to-many association group(s) [accountleads_association]")
                .contains("not imported");
    }

    @Test
    void the_same_record_id_twice_in_the_file_fails_the_second() {
        ImportPlan plan = plan(data(account(ACME, "Acme"), account(ACME, "Acme again")), new FakeTarget(schema));

        assertThat(plan.results()).extracting(RecordResult::outcome).containsExactly(Outcome.CREATED, Outcome.FAILED);
        assertThat(plan.results().get(1).message()).contains("appears more than once");
        assertThat(plan.writes()).hasSize(1);
    }
}
