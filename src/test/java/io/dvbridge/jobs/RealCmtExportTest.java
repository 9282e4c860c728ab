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
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Configuration Migration tool exports (src/test/resources/cmt/real, sources and licences in its
 * SOURCES.md) imported through camel-main, the YAML routes and HTTPS into a sandbox environment that
 * enforces Dataverse's column rules: system columns are not valid for create or update, the target's
 * users, currency and scenario have other ids than the source's.
 */
class RealCmtExportTest {

    static final Path LIVE = Path.of("src/test/resources/cmt/real/live-export");
    static final Path TALXIS = Path.of("src/test/resources/cmt/real/talxis-2021");
    static final String PARENT = "c9dd83c3-e1c0-f111-a05a-6045bd091279";
    static final String CHILD = "104a89d5-e1c0-f111-a05a-6045bd091279";
    static final String ACCOUNT = "cbdd83c3-e1c0-f111-a05a-6045bd091279";
    static final String CONTACT = "ccdd83c3-e1c0-f111-a05a-6045bd091279";
    /** The target's own user, currency and scenario: same names as in the source, other ids. */
    static final String LAB_USER = "7a000000-0000-4000-8000-000000000001";
    static final String KORUNA = "7a000000-0000-4000-8000-000000000002";
    static final String SCENARIO = "7a000000-0000-4000-8000-000000000003";

    /** System columns as Dataverse defines them: read-only, or create-only (overriddencreatedon). */
    static final String SYSTEM_COLUMNS = """
                      - {name: ownerid, schemaName: ownerid, type: Owner, targets: [systemuser, team]}
                      - {name: createdby, schemaName: createdby, type: Lookup, targets: [systemuser], validForCreate: false, validForUpdate: false}
                      - {name: overriddencreatedon, type: DateTime, validForUpdate: false}
                      - {name: importsequencenumber, type: Integer, validForUpdate: false}
                      - {name: statecode, type: State, options: {0: Active, 1: Inactive}}
                      - {name: statuscode, type: Status, options: {1: Active, 2: Inactive}}
            """;

    static final String FIXTURE = """
            environments:
              - name: lab
                tenant: contoso
                tables:
                  - logicalName: systemuser
                    entitySetName: systemusers
                    primaryName: fullname
                    columns:
                      - {name: domainname, type: String}
                    rows:
                      - {systemuserid: %s, fullname: Lab User, domainname: lab.user@example.com}
                      - {fullname: Deployment User, domainname: deploy@example.com}
                  - logicalName: team
                    entitySetName: teams
                    primaryName: name
                  - logicalName: transactioncurrency
                    entitySetName: transactioncurrencies
                    primaryName: currencyname
                    columns:
                      - {name: isocurrencycode, type: String, maxLength: 5}
                    rows:
                      - {transactioncurrencyid: %s, currencyname: Czech Koruna, isocurrencycode: CZK}
                  - logicalName: account
                    entitySetName: accounts
                    primaryName: name
                    columns:
                      - {name: telephone1, type: String}
                      - {name: primarycontactid, schemaName: primarycontactid, type: Lookup, targets: [contact]}
            %s
                  - logicalName: contact
                    entitySetName: contacts
                    primaryName: fullname
                    columns:
                      - {name: firstname, type: String}
                      - {name: lastname, type: String}
                      - {name: parentcustomerid, schemaName: parentcustomerid, type: Customer, targets: [account, contact]}
            %s
                  - logicalName: cmtl_parent
                    entitySetName: cmtl_parents
                    primaryName: cmtl_name
                    manyToMany:
                      - {name: cmtl_cmtl_parent_cmtl_child, target: cmtl_child}
                    columns:
            %s
                  - logicalName: cmtl_child
                    entitySetName: cmtl_childs
                    primaryName: cmtl_name
                    columns:
                      - {name: cmtl_string, type: String}
                      - {name: cmtl_memo, type: Memo}
                      - {name: cmtl_number, type: Integer}
                      - {name: cmtl_decimal, type: Decimal, precision: 2}
                      - {name: cmtl_float, type: Double}
                      - {name: cmtl_money, type: Money}
                      - {name: cmtl_money_base, type: Money, validForCreate: false, validForUpdate: false}
                      - {name: cmtl_bool, type: Boolean}
                      - {name: cmtl_datetime, type: DateTime}
                      - {name: cmtl_dateonly, type: DateTime, behavior: DateOnly}
                      - {name: cmtl_tzindependent, type: DateTime, behavior: TimeZoneIndependent}
                      - {name: cmtl_choice, type: Picklist, options: {71000000: One, 71000001: Two}}
                      - {name: cmtl_multichoice, type: MultiSelectPicklist, options: {71000010: A, 71000011: B, 71000012: C}}
                      - {name: cmtl_parentid, schemaName: cmtl_ParentId, type: Lookup, targets: [cmtl_parent]}
                      - {name: cmtl_parentchildid, schemaName: cmtl_ParentChildId, type: Lookup, targets: [cmtl_child]}
                      - {name: cmtl_customerid, schemaName: cmtl_CustomerId, type: Customer, targets: [account, contact]}
                      - {name: cmtl_regardingid, schemaName: cmtl_RegardingId, type: Lookup, targets: [account, contact, cmtl_parent]}
                      - {name: cmtl_imageid, type: Uniqueidentifier, validForCreate: false, validForUpdate: false}
                      - {name: exchangerate, type: Decimal, precision: 12, validForCreate: false, validForUpdate: false}
                      - {name: transactioncurrencyid, schemaName: TransactionCurrencyId, type: Lookup, targets: [transactioncurrency]}
                      - {name: utcconversiontimezonecode, type: Integer}
                      - {name: timezoneruleversionnumber, type: Integer}
            %s
                  - logicalName: talxis_configuration_introductionscenario
                    entitySetName: talxis_configuration_introductionscenarios
                    primaryName: talxis_name
                    rows:
                      - {talxis_configuration_introductionscenarioid: %s, talxis_name: TALXIS Sales Contact Form Introduction}
                  - logicalName: talxis_counterconfiguration
                    entitySetName: talxis_counterconfigurations
                    primaryName: talxis_entityname
                    columns:
                      - {name: talxis_customnumberposition, type: Boolean}
                      - {name: talxis_fieldname, type: String}
                      - {name: talxis_query, type: Memo}
                      - {name: talxis_seriesname, type: String}
                  - logicalName: talxis_configuration_introductionstep
                    entitySetName: talxis_configuration_introductionsteps
                    primaryName: talxis_name
                    columns:
                      - {name: talxis_order, type: Integer}
                      - {name: talxis_title, type: String, maxLength: 200}
                      - {name: talxis_configuration_introductionscenarioid, schemaName: talxis_Configuration_IntroductionScenarioId, type: Lookup, targets: [talxis_configuration_introductionscenario]}
                      - {name: talxis_elementselector, type: String}
                  - logicalName: talxis_configuration_documentgenerator
                    entitySetName: talxis_configuration_documentgenerators
                    primaryName: talxis_name
                    manyToMany:
                      - {name: talxis_DocumentGenerator_IntroductionStep, target: talxis_configuration_introductionstep}
                    columns:
                      - {name: talxis_documenttype, type: Picklist, options: {742070000: Word, 742070001: Excel}}
                      - {name: talxis_documentcontent, type: Memo}
            %s
            """.formatted(LAB_USER, KORUNA, SYSTEM_COLUMNS, SYSTEM_COLUMNS, SYSTEM_COLUMNS, SYSTEM_COLUMNS, SCENARIO, SYSTEM_COLUMNS);

    @TempDir
    Path dir;
    MigrationWorld world;

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    private ImportReport importInto(Path data) {
        return world.runtime.importData(DataImportRequest.of("lab", data).withConnections(2));
    }

    private static List<RecordResult> results(ImportReport report) throws IOException {
        try (Reader in = Files.newBufferedReader(Path.of(report.resultsFile()))) {
            return ResultsFile.read(in);
        }
    }

    private StoredRow row(String set, String id) {
        return world.table("lab", set).row(UUID.fromString(id)).orElseThrow();
    }

    @Test
    void a_real_live_export_lands_whole_in_a_target_that_enforces_dataverses_column_rules_and_a_second_import_writes_nothing() throws IOException {
        world = new MigrationWorld(dir, FIXTURE, "lab");

        ImportReport first = importInto(LIVE);

        assertThat(results(first)).as(results(first).toString()).extracting(RecordResult::outcome).containsOnly(Outcome.CREATED).hasSize(5);
        assertThat(first.exitCode()).isZero();
        assertThat(first.associations().created()).as("the file's many-to-many association").isEqualTo(1);
        assertThat(results(first)).filteredOn(r -> r.entity().equals("cmtl_cmtl_parent_cmtl_child")).singleElement()
                .satisfies(r -> assertThat(r.recordId()).isEqualTo(PARENT + "/" + CHILD));
        assertThat(world.sandbox.environment("lab").data().associations("cmtl_cmtl_parent_cmtl_child"))
                .containsExactly(List.of(UUID.fromString(PARENT), UUID.fromString(CHILD)));
        StoredRow child = row("cmtl_childs", CHILD);
        assertThat(child.get("cmtl_memo")).isEqualTo("line one\nline two 1");
        assertThat((BigDecimal) child.get("cmtl_money")).isEqualByComparingTo("11.5");
        assertThat(child.get("cmtl_money_base")).isNull();
        assertThat(child.get("cmtl_multichoice")).isEqualTo("71000010,71000012");
        assertThat(child.get("_cmtl_parentid_value")).isEqualTo(UUID.fromString(PARENT));
        assertThat(child.get("_cmtl_customerid_value")).isEqualTo(UUID.fromString(ACCOUNT));
        assertThat(child.get("_ownerid_value")).as("the source's user is the target's user of the same name").isEqualTo(UUID.fromString(LAB_USER));
        assertThat(child.get("_transactioncurrencyid_value")).isEqualTo(UUID.fromString(KORUNA));
        assertThat(child.get("createdon")).as("createdon travels as overriddencreatedon").isEqualTo(Instant.parse("2026-10-05T17:26:01Z"));
        assertThat(child.get("_createdby_value")).isNull();
        assertThat(row("contacts", CONTACT).get("lastname")).isEqualTo("CMTLAB Contact");
        assertThat(first.notices()).anySatisfy(n -> assertThat(n).startsWith("cmtl_child.cmtl_money_base: not valid for create"))
                .anySatisfy(n -> assertThat(n).startsWith("cmtl_child.createdon: not valid for create").contains("overriddencreatedon"))
                .anySatisfy(n -> assertThat(n).startsWith("cmtl_child.modifiedon: not valid for create"))
                .anySatisfy(n -> assertThat(n).startsWith("cmtl_child.exchangerate: not valid for create"))
                .anySatisfy(n -> assertThat(n).contains("systemuser 0ff0de1d-a6ad-f111-aaad-000d3a5c8169 ('Lab User') is not in the target"));
        assertThat(first.notices()).filteredOn(n -> n.startsWith("cmtl_child.createdby")).hasSize(1);

        world.sandbox.requestLog().clear();
        ImportReport second = importInto(LIVE);

        assertThat(results(second)).as(results(second).toString()).extracting(RecordResult::outcome).containsOnly(Outcome.UNCHANGED).hasSize(5);
        assertThat(world.writeRequests()).as("write requests of the second import").isZero();
        assertThat(second.associations().unchanged()).isEqualTo(1);
    }

    @Test
    void html_encoded_text_of_a_real_export_is_stored_decoded_skipupdate_is_honoured_and_lookups_find_the_targets_scenario_by_name()
            throws IOException {
        world = new MigrationWorld(dir, FIXTURE, "lab");

        ImportReport first = importInto(TALXIS);

        assertThat(results(first)).as(results(first).toString()).extracting(RecordResult::outcome).containsOnly(Outcome.CREATED).hasSize(7);
        assertThat(world.sandbox.environment("lab").data().associations("talxis_DocumentGenerator_IntroductionStep")).containsExactlyInAnyOrder(
                List.of(UUID.fromString("c9020461-cd8a-ef11-8a6a-0022489f2074"), UUID.fromString("db22cf5f-9a01-ec11-94ef-000d3a493136")),
                List.of(UUID.fromString("c9020461-cd8a-ef11-8a6a-0022489f2074"), UUID.fromString("3fe78e0c-ad01-ec11-94ef-000d3a493136")));
        StoredRow series = row("talxis_counterconfigurations", "982dff41-9bba-4e46-a1e3-127424034240");
        assertThat(series.get("talxis_seriesname")).isEqualTo("Autonumber series for 'talxis_lead'");
        assertThat(series.get("talxis_query")).isEqualTo("<fetch version=\"1.0\" mapping=\"logical\"><entity name=\"talxis_lead\"></entity></fetch>");
        assertThat(row("talxis_configuration_introductionsteps", "db22cf5f-9a01-ec11-94ef-000d3a493136")
                .get("_talxis_configuration_introductionscenarioid_value")).isEqualTo(UUID.fromString(SCENARIO));
        assertThat(row("talxis_configuration_documentgenerators", "c9020461-cd8a-ef11-8a6a-0022489f2074").get("talxis_documentcontent"))
                .isEqualTo("Dear {{ customer.name }},\r\n\r\nplease find the quote attached.\r\nKind regards");

        ImportReport second = importInto(TALXIS);

        assertThat(results(second)).filteredOn(r -> r.entity().equals("talxis_counterconfiguration"))
                .allSatisfy(r -> assertThat(r.message()).contains("skipupdate"));
        assertThat(results(second)).extracting(RecordResult::outcome).containsOnly(Outcome.UNCHANGED);
    }

    @Test
    void an_export_of_the_imported_data_matches_the_tools_own_file_field_by_field_and_attribute_by_attribute() throws Exception {
        world = new MigrationWorld(dir, FIXTURE, "lab");
        assertThat(importInto(LIVE).exitCode()).isZero();
        Path out = dir.resolve("export.zip");

        ExportReport export = world.runtime.exportData(new DataExportRequest("lab", LIVE.resolve("data_schema.xml"), out));

        assertThat(export.records()).isEqualTo(4);
        Map<String, Map<String, String>> ours = fields(entry(out, "data.xml"));
        Map<String, Map<String, String>> tools = fields(Files.readString(LIVE.resolve("data.xml")));
        // What the target decides itself, by Dataverse's rules, and so cannot equal the source's file:
        Set<String> setByTheTarget = Set.of(
                "cmtl_child/" + CHILD + "/modifiedon",             // the time of the import
                "cmtl_child/" + CHILD + "/createdby",              // the importing user (not writable)
                "cmtl_child/" + CHILD + "/exchangerate",           // calculated by Dataverse
                "cmtl_child/" + CHILD + "/cmtl_money_base",        // calculated by Dataverse
                "cmtl_child/" + CHILD + "/cmtl_imageid",           // set when an image is uploaded
                "cmtl_child/" + CHILD + "/overriddencreatedon",    // a migrated record's real creation time
                "cmtl_child/" + CHILD + "/cmtl_datetime");         // dateMode="relative": moved by the import, as the schema asks
        Set<String> keys = new java.util.TreeSet<>(tools.keySet());
        keys.addAll(ours.keySet());
        for (String key : keys) {
            if (setByTheTarget.contains(key)) {
                continue;
            }
            Map<String, String> expected = new java.util.TreeMap<>(tools.getOrDefault(key, Map.of()));
            Map<String, String> actual = new java.util.TreeMap<>(ours.getOrDefault(key, Map.of()));
            if (key.endsWith("/ownerid") || key.endsWith("/transactioncurrencyid")) {
                // The target's own user and currency of the same name: another id, the same table and name.
                expected.remove("value");
                actual.remove("value");
            }
            assertThat(actual).as(key).isEqualTo(expected);
        }
        assertThat(associations(entry(out, "data.xml"))).as("the many-to-many group").isEqualTo(associations(Files.readString(LIVE.resolve("data.xml"))))
                .isNotEmpty();
    }

    /** Each {@code <m2mrelationship>}: its entity, attributes and target ids. */
    private static List<String> associations(String dataXml) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document doc = factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(dataXml)));
        List<String> all = new java.util.ArrayList<>();
        org.w3c.dom.NodeList groups = doc.getElementsByTagName("m2mrelationship");
        for (int i = 0; i < groups.getLength(); i++) {
            org.w3c.dom.Element group = (org.w3c.dom.Element) groups.item(i);
            org.w3c.dom.NodeList targets = group.getElementsByTagName("targetid");
            List<String> ids = new java.util.ArrayList<>();
            for (int t = 0; t < targets.getLength(); t++) {
                ids.add(targets.item(t).getTextContent());
            }
            all.add(((org.w3c.dom.Element) group.getParentNode().getParentNode()).getAttribute("name") + " " + new java.util.TreeMap<>(attributes(group))
                    + " " + ids);
        }
        return all;
    }

    private static String entry(Path zip, String name) throws IOException {
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
            return new String(file.getInputStream(file.getEntry(name)).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** entity/record/field (and entity/record for the record element) -> the element's attributes. */
    private static Map<String, Map<String, String>> fields(String dataXml) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document doc = factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(dataXml)));
        Map<String, Map<String, String>> all = new java.util.LinkedHashMap<>();
        org.w3c.dom.NodeList entities = doc.getElementsByTagName("entity");
        for (int e = 0; e < entities.getLength(); e++) {
            org.w3c.dom.Element entity = (org.w3c.dom.Element) entities.item(e);
            all.put(entity.getAttribute("name"), attributes(entity));
            org.w3c.dom.NodeList records = entity.getElementsByTagName("record");
            for (int r = 0; r < records.getLength(); r++) {
                org.w3c.dom.Element record = (org.w3c.dom.Element) records.item(r);
                String recordKey = entity.getAttribute("name") + "/" + record.getAttribute("id");
                all.put(recordKey, attributes(record));
                org.w3c.dom.NodeList values = record.getElementsByTagName("field");
                for (int f = 0; f < values.getLength(); f++) {
                    org.w3c.dom.Element field = (org.w3c.dom.Element) values.item(f);
                    all.put(recordKey + "/" + field.getAttribute("name"), attributes(field));
                }
            }
        }
        return all;
    }

    private static Map<String, String> attributes(org.w3c.dom.Element element) {
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < element.getAttributes().getLength(); i++) {
            org.w3c.dom.Node a = element.getAttributes().item(i);
            attributes.put(a.getNodeName(), a.getNodeValue());
        }
        return attributes;
    }
}
