package io.dvbridge.cmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultsFileTest {

    private final List<RecordResult> results = List.of(
            new RecordResult("account", "10000000-0000-0000-0000-000000000001", Optional.of("10000000-0000-0000-0000-000000000001"),
                    Outcome.CREATED, "created"),
            new RecordResult("account", "10000000-0000-0000-0000-000000000002", Optional.empty(), Outcome.FAILED,
                    "lookup field 'parentaccountid' points to account 9, which is \"nowhere\"\nsecond line"),
            new RecordResult("contact", "20000000-0000-0000-0000-000000000001", Optional.of("20000000-0000-0000-0000-000000000009"),
                    Outcome.UNCHANGED, "matched by primary name 'Ann'; no differences"));

    @Test
    void results_are_json_lines_one_record_per_line_and_read_back_equal() throws IOException {
        StringWriter out = new StringWriter();
        ResultsFile.write(out, results);

        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("{\"entity\":\"account\",\"recordId\":\"10000000-0000-0000-0000-000000000001\","
                + "\"targetId\":\"10000000-0000-0000-0000-000000000001\",\"outcome\":\"CREATED\",\"message\":\"created\"}");
        assertThat(lines[1]).contains("\"targetId\":null").contains("\\\"nowhere\\\"\\nsecond line");
        assertThat(ResultsFile.read(new StringReader(out.toString()))).isEqualTo(results);
    }

    @Test
    void counts_add_up_per_outcome() {
        ResultCounts counts = ResultCounts.of(results);

        assertThat(counts).isEqualTo(new ResultCounts(1, 0, 1, 1));
        assertThat(counts.total()).isEqualTo(3);
    }
}
