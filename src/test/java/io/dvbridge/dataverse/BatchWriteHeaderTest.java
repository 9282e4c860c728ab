package io.dvbridge.dataverse;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchWriteHeaderTest {

    @Test
    void a_write_header_goes_into_that_writes_part_only() {
        DataverseWrite bypass = DataverseWrite.create("accounts", Map.of("name", "a"))
                .withHeader("MSCRM.BypassCustomPluginExecution", "true").withContentId("1");
        DataverseWrite plain = DataverseWrite.create("accounts", Map.of("name", "b")).withContentId("2");
        String body = BatchRequestBody.build(URI.create("https://org.example/api/data/v9.2/"), List.of(bypass, plain), false).text();
        assertThat(body).containsOnlyOnce("MSCRM.BypassCustomPluginExecution: true\r\nContent-Type: application/json\r\n\r\n{\"name\":\"a\"}");
    }

    @Test
    void a_header_value_with_a_line_break_is_refused() {
        assertThatThrownBy(() -> DataverseWrite.create("accounts", Map.of()).withHeader("X-A", "1\r\nGET /x HTTP/1.1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
