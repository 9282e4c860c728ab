package io.dvbridge.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run's record files read a page at a time: JSON Lines and CSV as a push's rejects file has them. */
class RecordFileTest {

    @TempDir
    Path dir;

    @Test
    void csv_records_keep_quoted_commas_and_line_breaks_and_are_paged_by_record_not_by_line() throws Exception {
        Path rejects = dir.resolve("rejects.csv");
        Files.writeString(rejects, "\uFEFFrow,column,value,reason\r\n"
                + "2,name,\"Contoso, Ltd\",too long\r\n"
                + "3,notes,\"two\r\nlines\",not valid for create\r\n"
                + "7,revenue,abc,not a number\r\n", StandardCharsets.UTF_8);

        RecordFile.Page first = RecordFile.of(rejects).page(0, 2, Map.of());
        assertThat(first.columns()).containsExactly("row", "column", "value", "reason");
        assertThat(first.records()).extracting(r -> r.get("value").asText()).containsExactly("Contoso, Ltd", "two\r\nlines");
        assertThat(first.next()).isEqualTo(2);

        RecordFile.Page second = RecordFile.of(rejects).page(first.next(), 2, Map.of());
        assertThat(second.records()).extracting(r -> r.get("row").asText()).containsExactly("7");
        assertThat(second.next()).as("the end of the file").isEqualTo(-1);

        assertThat(RecordFile.of(rejects).page(0, 10, Map.of("column", "notes")).records())
                .extracting(r -> r.get("reason").asText()).containsExactly("not valid for create");
    }

    @Test
    void json_lines_skip_blank_lines_and_filters_need_every_field_to_match() throws Exception {
        Path results = dir.resolve("results.jsonl");
        Files.writeString(results, """
                {"entity":"account","recordId":"1","targetId":null,"outcome":"FAILED","message":"no name"}

                {"entity":"account","recordId":"2","targetId":"t2","outcome":"CREATED","message":"created"}
                {"entity":"contact","recordId":"3","targetId":"t3","outcome":"FAILED","message":"bad lookup"}
                """, StandardCharsets.UTF_8);

        RecordFile.Page failedAccounts = RecordFile.of(results).page(0, 10, Map.of("entity", "account", "outcome", "FAILED"));
        assertThat(failedAccounts.records()).extracting(r -> r.get("recordId").asText()).containsExactly("1");
        assertThat(failedAccounts.next()).isEqualTo(-1);
        assertThat(RecordFile.of(results).page(0, 10, Map.of("targetId", "")).records()).as("null is no value").isEmpty();

        RecordFile.Page fromSecond = RecordFile.of(results).page(1, 1, Map.of());
        assertThat(fromSecond.records()).extracting(JsonNode::toString).containsExactly(
                "{\"entity\":\"account\",\"recordId\":\"2\",\"targetId\":\"t2\",\"outcome\":\"CREATED\",\"message\":\"created\"}");
        assertThat(fromSecond.next()).isEqualTo(2);
    }

    @Test
    void a_line_that_is_not_json_is_named_by_its_record_number() throws Exception {
        Path results = dir.resolve("results.jsonl");
        Files.writeString(results, "{\"outcome\":\"CREATED\"}\n{not json\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RecordFile.of(results).page(0, 10, Map.of())).hasMessageContaining("Record 2 of results.jsonl");
    }
}
