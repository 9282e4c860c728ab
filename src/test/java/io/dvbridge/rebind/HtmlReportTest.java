package io.dvbridge.rebind;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    @Test
    void names_from_other_systems_are_escaped_and_full_ids_shown() {
        ReportBinding before = new ReportBinding("11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222", null);
        RowResult row = new RowResult("33333333-3333-3333-3333-333333333333", "<script>alert('x')</script> & Co", Feature.HISTORICAL,
                RebindOutcome.UNMATCHED, null, before, null, List.of(), "no report named it", null, null);
        RebindReport report = new RebindReport("rebind-20261122-010203-abcdef", "contoso-prod", RunKind.REBIND,
                List.of(Feature.HISTORICAL), List.of(), Instant.EPOCH, Instant.EPOCH, false, WriteMode.ATOMIC,
                new WriteBatches(WriteMode.ATOMIC, 0, 1000), List.of(row));
        String html = new HtmlReport().render(report);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co")
                .contains("22222222-2222-2222-2222-222222222222").contains("(no dataset)")
                .contains("2: finished, but some rows need attention")
                .contains("<th>Writes</th><td>no writes</td>");
    }
}
