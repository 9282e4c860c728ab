package io.dvbridge.push;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.dvbridge.push.CustomerTable.row;
import static io.dvbridge.push.CustomerTable.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per validation rule of docs/push.md, on a hand-built table like the demo's dvb_customerimport. */
class RowValidatorTest {

    private final RowValidator upsertByNumber = new RowValidator(table(), WriteMode.UPSERT,
            new Identity.AlternateKey("dvb_customernumber_key", List.of("dvb_customernumber")), false, false);

    private CheckedRow check(String column, Object value) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(column, value);
        return upsertByNumber.check(row(values));
    }

    private Rejection rejected(String column, Object value) {
        CheckedRow checked = check(column, value);
        assertThat(checked.valid()).as(column + "=" + value).isFalse();
        assertThat(checked.rejections()).hasSize(1);
        Rejection rejection = checked.rejections().get(0);
        assertThat(rejection.rowNumber()).isEqualTo(7);
        assertThat(rejection.column()).isEqualTo(column);
        return rejection;
    }

    @Test
    void a_valid_row_becomes_its_key_and_json_ready_values() {
        CheckedRow checked = upsertByNumber.check(row(Map.of("dvb_loyaltypoints", "42", "dvb_ismember", "yes")));
        assertThat(checked.valid()).isTrue();
        assertThat(checked.key()).containsExactly(Map.entry("dvb_customernumber", "C-1"));
        assertThat(checked.values()).containsEntry("dvb_loyaltypoints", 42L).containsEntry("dvb_ismember", true)
                .doesNotContainKey("dvb_customernumber");
    }

    @Test
    void an_unknown_column_is_rejected_with_its_name() {
        assertThat(rejected("dvb_nickname", "Bob").reason()).isEqualTo(Rejection.Reason.UNKNOWN_COLUMN);
    }

    @Test
    void a_column_not_valid_for_the_mode_is_rejected() {
        assertThat(rejected("createdon", "2026-01-01T00:00:00Z").reason()).isEqualTo(Rejection.Reason.NOT_WRITABLE);
    }

    @Test
    void integers_must_be_whole_numbers_within_the_columns_range() {
        assertThat(rejected("dvb_loyaltypoints", "12.5").reason()).isEqualTo(Rejection.Reason.TYPE);
        assertThat(rejected("dvb_loyaltypoints", "-1").reason()).isEqualTo(Rejection.Reason.RANGE);
        assertThat(rejected("dvb_loyaltypoints", "99999999999").reason()).isEqualTo(Rejection.Reason.RANGE);
        assertThat(check("dvb_loyaltypoints", "1000000").values()).containsEntry("dvb_loyaltypoints", 1_000_000L);
    }

    @Test
    void big_integers_take_longs() {
        TargetTable table = new TargetTable("t", "ts", "tid", List.of(CustomerTable.column("big", ColumnType.BIGINT)), List.of());
        RowValidator validator = new RowValidator(table, WriteMode.CREATE, new Identity.None(), false, false);
        assertThat(validator.check(new SourceRow(1, Map.of("big", "9223372036854775807"))).values()).containsEntry("big", Long.MAX_VALUE);
        assertThat(validator.check(new SourceRow(1, Map.of("big", "9223372036854775808"))).rejections())
                .extracting(Rejection::reason).containsExactly(Rejection.Reason.RANGE);
    }

    @Test
    void decimals_and_money_keep_their_precision_and_range() {
        assertThat(rejected("dvb_discountrate", "1.234").reason()).isEqualTo(Rejection.Reason.PRECISION);
        assertThat(rejected("dvb_discountrate", "100.01").reason()).isEqualTo(Rejection.Reason.RANGE);
        assertThat(rejected("dvb_creditlimit", "10.005").reason()).isEqualTo(Rejection.Reason.PRECISION);
        assertThat(rejected("dvb_creditlimit", "ten").reason()).isEqualTo(Rejection.Reason.TYPE);
        assertThat(check("dvb_creditlimit", "1500.50").values()).containsEntry("dvb_creditlimit", new BigDecimal("1500.50"));
    }

    @Test
    void floats_keep_their_precision_and_range() {
        assertThat(rejected("dvb_score", "1.5").reason()).isEqualTo(Rejection.Reason.RANGE);
        assertThat(rejected("dvb_score", "0.1234567").reason()).isEqualTo(Rejection.Reason.PRECISION);
        assertThat(check("dvb_score", "0.25").values()).containsEntry("dvb_score", 0.25);
    }

    @Test
    void booleans_take_true_false_yes_no_one_zero() {
        assertThat(rejected("dvb_ismember", "maybe").reason()).isEqualTo(Rejection.Reason.TYPE);
        assertThat(check("dvb_ismember", "0").values()).containsEntry("dvb_ismember", false);
    }

    @Test
    void date_only_columns_take_dates_and_user_local_columns_take_instants_written_in_utc() {
        assertThat(rejected("dvb_birthdate", "2026-04-01T10:00:00Z").reason()).isEqualTo(Rejection.Reason.TYPE);
        assertThat(rejected("dvb_birthdate", "1700-01-01").reason()).isEqualTo(Rejection.Reason.RANGE);
        assertThat(check("dvb_birthdate", "1990-02-28").values()).containsEntry("dvb_birthdate", "1990-02-28");
        assertThat(rejected("dvb_lastcontacton", "yesterday").reason()).isEqualTo(Rejection.Reason.TYPE);
        assertThat(check("dvb_lastcontacton", "2026-04-01T10:00:00+02:00").values()).containsEntry("dvb_lastcontacton", "2026-04-01T08:00:00Z");
        assertThat(check("dvb_lastcontacton", "2026-04-01T10:00:00").values()).as("no offset: UTC, as the Web API takes it")
                .containsEntry("dvb_lastcontacton", "2026-04-01T10:00:00Z");
        assertThat(check("dvb_shiftstart", "2026-04-01T10:00:00").values()).containsEntry("dvb_shiftstart", "2026-04-01T10:00:00Z");
    }

    @Test
    void guids_must_be_guids() {
        assertThat(rejected("dvb_externalid", "not-a-guid").reason()).isEqualTo(Rejection.Reason.TYPE);
        assertThat(check("dvb_externalid", "{6F1C2B9A-3D4E-4F50-8A61-7B2C3D4E5F60}").values())
                .containsEntry("dvb_externalid", "6f1c2b9a-3d4e-4f50-8a61-7b2c3d4e5f60");
    }

    @Test
    void text_longer_than_max_length_is_rejected_counting_characters_not_bytes() {
        assertThat(rejected("dvb_email", "a@b.example").reason()).isEqualTo(Rejection.Reason.MAX_LENGTH);
        assertThat(check("dvb_email", "ééééééééé€").valid()).isTrue();
    }

    @Test
    void a_required_column_without_a_value_is_rejected_on_create() {
        RowValidator create = new RowValidator(table(), WriteMode.CREATE, new Identity.None(), false, false);
        CheckedRow checked = create.check(new SourceRow(3, Map.of("dvb_email", "x@y.z")));
        assertThat(checked.rejections()).extracting(Rejection::column, Rejection::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dvb_customernumber", Rejection.Reason.REQUIRED));
        RowValidator update = new RowValidator(table(), WriteMode.UPDATE, new Identity.PrimaryId("dvb_customerimportid"), false, false);
        assertThat(update.check(new SourceRow(3, Map.of("dvb_customerimportid", "6f1c2b9a-3d4e-4f50-8a61-7b2c3d4e5f60", "dvb_email", "x@y.z")))
                .valid()).as("an update leaves the value it has").isTrue();
    }

    @Test
    void choices_take_a_value_or_a_label_and_multi_select_takes_several() {
        assertThat(check("dvb_segment", "Wholesale").values()).containsEntry("dvb_segment", 100000001);
        assertThat(check("dvb_segment", "100000002").values()).containsEntry("dvb_segment", 100000002);
        assertThat(rejected("dvb_segment", "Partner").reason()).isEqualTo(Rejection.Reason.CHOICE);
        assertThat(check("dvb_channels", "100000000,Online").values()).containsEntry("dvb_channels", "100000000,100000002");
        assertThat(check("dvb_channels", "retail; wholesale").values()).containsEntry("dvb_channels", "100000000,100000001");
        assertThat(rejected("dvb_channels", "100000000,7").reason()).isEqualTo(Rejection.Reason.CHOICE);
    }

    @Test
    void lookups_by_guid_or_alternate_key_wait_for_their_existence_check_and_bind_through_the_navigation_property() {
        CheckedRow byId = check("dvb_accountid", "7d2a1c3e-0001-4a5b-8c6d-000000000001");
        CheckedRow byKey = check("dvb_accountid", "accountnumber=ACC-002");
        CheckedRow missing = check("dvb_accountid", "accountnumber=ACC-404");
        assertThat(byId.lookups()).containsExactly(new LookupRef("dvb_accountid", CustomerTable.ACCOUNT, "accountid",
                "7d2a1c3e-0001-4a5b-8c6d-000000000001"));
        List<LookupResolution.Query> queries = LookupResolution.queries(List.of(byId, byKey, missing));
        assertThat(queries).extracting(LookupResolution.Query::column).containsExactly("accountid", "accountnumber");

        LookupResolution resolution = new LookupResolution();
        resolution.found(queries.get(0), List.of(Map.of("accountid", "7d2a1c3e-0001-4a5b-8c6d-000000000001")));
        resolution.found(queries.get(1), List.of(Map.of("accountid", "7d2a1c3e-0002-4a5b-8c6d-000000000002", "accountnumber", "ACC-002")));

        assertThat(resolution.complete(byId).values()).containsEntry("dvb_AccountId@odata.bind", "/accounts(7d2a1c3e-0001-4a5b-8c6d-000000000001)");
        assertThat(resolution.complete(byKey).values()).containsEntry("dvb_AccountId@odata.bind", "/accounts(7d2a1c3e-0002-4a5b-8c6d-000000000002)");
        assertThat(resolution.complete(missing).rejections()).extracting(Rejection::reason).containsExactly(Rejection.Reason.LOOKUP_NOT_FOUND);
    }

    @Test
    void a_multi_table_lookup_needs_the_table_named() {
        assertThat(rejected("dvb_customerid", "7d2a1c3e-0001-4a5b-8c6d-000000000001").reason()).isEqualTo(Rejection.Reason.LOOKUP);
        assertThat(check("dvb_customerid", "contact:7d2a1c3e-0001-4a5b-8c6d-000000000001").lookups().get(0).target())
                .isEqualTo(CustomerTable.CONTACT);
        assertThat(rejected("dvb_accountid", "ACC-001").reason()).isEqualTo(Rejection.Reason.LOOKUP);
    }

    @Test
    void identities_come_from_the_primary_id_an_alternate_key_or_a_uuid5_of_an_identifier() {
        TargetTable table = table();
        assertThat(RowValidator.identity(Optional.empty(), table, WriteMode.CREATE, List.of("dvb_customernumber")))
                .isInstanceOf(Identity.None.class);
        assertThat(RowValidator.identity(Optional.empty(), table, WriteMode.UPSERT, List.of("dvb_customerimportid")))
                .isEqualTo(new Identity.PrimaryId("dvb_customerimportid"));
        assertThatThrownBy(() -> RowValidator.identity(Optional.empty(), table, WriteMode.UPSERT, List.of("dvb_email")))
                .isInstanceOf(PushSetupException.class).hasMessageContaining("needs --key");
        assertThatThrownBy(() -> RowValidator.identity(Optional.of("nokey"), table, WriteMode.UPSERT, List.of()))
                .hasMessageContaining("dvb_customernumber_key");

        Identity derived = RowValidator.identity(Optional.of("uuid5:Identifier"), table, WriteMode.UPSERT, List.of());
        CheckedRow checked = new RowValidator(table, WriteMode.UPSERT, derived, false, false)
                .check(row(Map.of("Identifier", "CRM|contact|42")));
        assertThat(checked.valid()).isTrue();
        assertThat(checked.key()).containsExactly(Map.entry("dvb_customerimportid", Uuid5.of("CRM|contact|42").toString()));
        assertThat(checked.values()).containsEntry("dvb_customernumber", "C-1").doesNotContainKey("Identifier");

        CheckedRow noId = new RowValidator(table, WriteMode.UPSERT, new Identity.PrimaryId("dvb_customerimportid"), false, false)
                .check(row(Map.of("dvb_customerimportid", "x")));
        assertThat(noId.rejections()).extracting(Rejection::reason).containsExactly(Rejection.Reason.IDENTITY);
    }

    @Test
    void strict_columns_must_be_the_tables_in_its_order_and_typed_values_of_its_kinds() {
        TargetTable table = new TargetTable("t", "ts", "tid", List.of(CustomerTable.column("tid", ColumnType.UNIQUEIDENTIFIER),
                CustomerTable.column("a", ColumnType.STRING), CustomerTable.numeric("b", ColumnType.INTEGER, 0, 10, -1)), List.of());
        RowValidator strict = new RowValidator(table, WriteMode.CREATE, new Identity.None(), true, true);
        Map<String, Object> inOrder = new LinkedHashMap<>();
        inOrder.put("a", "x");
        inOrder.put("b", java.math.BigInteger.ONE);
        assertThat(strict.check(new SourceRow(1, inOrder)).valid()).isTrue();
        Map<String, Object> swapped = new LinkedHashMap<>();
        swapped.put("b", java.math.BigInteger.ONE);
        swapped.put("a", "x");
        assertThat(strict.check(new SourceRow(2, swapped)).rejections()).extracting(Rejection::reason)
                .containsExactly(Rejection.Reason.STRICT_COLUMNS);
        Map<String, Object> textNumber = new LinkedHashMap<>();
        textNumber.put("a", "x");
        textNumber.put("b", "1");
        assertThat(strict.check(new SourceRow(3, textNumber)).rejections()).extracting(Rejection::reason)
                .containsExactly(Rejection.Reason.TYPE);
    }

    @Test
    void every_bad_column_of_a_row_is_reported() {
        CheckedRow checked = upsertByNumber.check(row(Map.of("dvb_loyaltypoints", "x", "dvb_segment", "Partner")));
        assertThat(checked.rejections()).extracting(Rejection::column).containsExactlyInAnyOrder("dvb_loyaltypoints", "dvb_segment");
    }
}
