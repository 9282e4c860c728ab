package io.dvbridge.push;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sources, the rejects file, the threshold and UUID v5 ids. */
class PushFilesTest {

    @TempDir
    Path dir;

    private static List<SourceRow> all(RowSource source) {
        List<SourceRow> rows = new ArrayList<>();
        try (source) {
            source.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void csv_with_a_byte_order_mark_reads_its_header_and_numbers_rows_from_one() throws Exception {
        Path file = dir.resolve("in.csv");
        Files.write(file, ("\uFEFFa,b\n1,\"x, \"\"y\"\"\"\n\n2,é\n").getBytes(StandardCharsets.UTF_8));
        CsvRowSource source = new CsvRowSource(file);
        assertThat(source.columns()).containsExactly("a", "b");
        List<SourceRow> rows = all(source);
        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(1L, 2L);
        assertThat(rows.get(0).values()).containsEntry("b", "x, \"y\"");
        assertThat(rows.get(1).values()).containsEntry("b", "é");
    }

    @Test
    void csv_bytes_that_are_not_utf8_stop_the_read_naming_the_line() throws Exception {
        Path file = dir.resolve("latin1.csv");
        byte[] head = "a,b\n1,ok\n2,ok\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "3,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Files.write(file, all);
        assertThatThrownBy(() -> all(new CsvRowSource(file))).isInstanceOf(PushSetupException.class)
                .hasMessageContaining("latin1.csv, line 4").hasMessageContaining("not UTF-8");
    }

    @Test
    void csv_with_a_duplicated_header_or_a_short_record_is_refused_with_the_line() throws Exception {
        Path twice = dir.resolve("twice.csv");
        Files.writeString(twice, "a,a\n1,2\n");
        assertThatThrownBy(() -> new CsvRowSource(twice)).hasMessageContaining("'a' appears twice");
        Path shortRow = dir.resolve("short.csv");
        Files.writeString(shortRow, "a,b\n1,2\n3\n");
        assertThatThrownBy(() -> all(new CsvRowSource(shortRow))).hasMessageContaining("row 2").hasMessageContaining("1 fields");
    }

    @Test
    void json_lines_keep_value_kinds_and_an_unreadable_line_is_one_rejected_row() throws Exception {
        Path file = dir.resolve("in.jsonl");
        Files.writeString(file, "{\"a\":1,\"b\":true,\"c\":\"x\",\"d\":1.50}\n\n{not json\n");
        List<SourceRow> rows = all(new JsonLinesRowSource(file));
        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(1L, 3L);
        assertThat(rows.get(0).values()).containsEntry("a", java.math.BigInteger.ONE).containsEntry("b", true)
                .containsEntry("d", new java.math.BigDecimal("1.50"));
        CheckedRow checked = new RowValidator(CustomerTable.table(), WriteMode.CREATE, new Identity.None(), false, true).check(rows.get(1));
        assertThat(checked.rejections()).extracting(Rejection::reason).containsExactly(Rejection.Reason.UNREADABLE);
    }

    @Test
    void the_rejects_file_appears_only_when_complete_and_counts_rows_and_reasons() throws Exception {
        Path target = dir.resolve("out").resolve("rejects.csv");
        RejectsFile rejects = new RejectsFile(target);
        rejects.add(new Rejection(4, "dvb_email", "x".repeat(500), Rejection.Reason.MAX_LENGTH, "too long"));
        rejects.add(new Rejection(4, "dvb_segment", "P", Rejection.Reason.CHOICE, "no such choice"));
        rejects.add(new Rejection(9, "", "", Rejection.Reason.WRITE_FAILED, "Dataverse said no"));
        assertThat(target).doesNotExist();
        rejects.close();
        List<String> lines = Files.readAllLines(target);
        assertThat(lines.get(0)).isEqualTo("row,column,value,reason,message");
        assertThat(lines.get(1)).startsWith("4,dvb_email," + "x".repeat(100) + "...,max-length,too long");
        assertThat(rejects.rows()).isEqualTo(2);
        assertThat(rejects.byReason()).containsEntry(Rejection.Reason.CHOICE, 1L);
    }

    @Test
    void the_reject_threshold_is_a_count_or_a_share_of_rows_read() {
        assertThat(RejectThreshold.parse("3").exceededBy(3, 1000)).isFalse();
        assertThat(RejectThreshold.parse("3").exceededBy(4, 1000)).isTrue();
        assertThat(RejectThreshold.parse("0.5%").exceededBy(5, 1000)).isFalse();
        assertThat(RejectThreshold.parse("0.5%").exceededBy(6, 1000)).isTrue();
        assertThatThrownBy(() -> RejectThreshold.parse("lots")).hasMessageContaining("--max-rejects");
        assertThatThrownBy(() -> RejectThreshold.parse("101%")).hasMessageContaining("--max-rejects");
    }

    @Test
    void uuid5_follows_rfc_4122_and_uses_dvbridges_namespace() {
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(Uuid5.of(dns, "python.org")).isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
        assertThat(Uuid5.of("CRM|contact|42")).isEqualTo(Uuid5.of(UUID.fromString("d9b2c5e4-6a57-4f6e-9d2c-3b1e8f0a7c41"), "CRM|contact|42"));
        assertThat(Uuid5.of("a").version()).isEqualTo(5);
    }

    @Test
    void jdbc_urls_in_reports_carry_no_credentials() {
        assertThat(JdbcRowSource.safe("jdbc:postgresql://bob:secret@db:5432/x?user=bob&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/x?user=***&password=***&ssl=true");
    }
}
