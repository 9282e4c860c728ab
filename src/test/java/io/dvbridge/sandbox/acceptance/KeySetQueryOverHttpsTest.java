package io.dvbridge.sandbox.acceptance;

import io.dvbridge.dataverse.DataverseConstants;
import io.dvbridge.sandbox.RequestLog;
import io.dvbridge.sandbox.SandboxOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A key set too large for one URL, through a static dataverse: endpoint, real msal4j and HTTPS to the sandbox. */
class KeySetQueryOverHttpsTest {

    private static final int CONTACTS = 2_500;

    private static AcceptanceWorld world;

    @BeforeAll
    static void start() {
        world = AcceptanceWorld.start("""
                environments:
                  - name: contoso-dev
                    tenant: contoso
                    tables:
                      - logicalName: contact
                        entitySetName: contacts
                        primaryName: lastname
                        columns:
                          - {name: firstname, type: String, maxLength: 50}
                        rows:
                          - {lastname: "O'Bryan", firstname: Pat}
                          - {lastname: "Sales [EU]", firstname: Lee}
                        generate:
                          count: %d
                          columns: {lastname: "Member {n:%%04d}", firstname: "F{n}"}
                """.formatted(CONTACTS), SandboxOptions.defaults());
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void two_thousand_names_an_apostrophe_and_brackets_come_back_exactly_from_several_requests_within_the_url_limit() throws Exception {
        List<String> names = new ArrayList<>(IntStream.rangeClosed(1, 2_000).mapToObj(n -> "Member %04d".formatted(n)).toList());
        names.add("O'Bryan");
        names.add("Sales [EU]");
        names.add("Nobody");
        world.sandbox().requestLog().clear();
        List<Map<String, Object>> rows;
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("environments", world);
            camel.start();

            rows = (List<Map<String, Object>>) camel.createProducerTemplate().requestBodyAndHeaders(
                    "dataverse:query/contacts?select=lastname&outputMode=list&keySetColumn=lastname", null,
                    Map.of(DataverseConstants.ENVIRONMENT, "contoso-dev", DataverseConstants.KEY_SET, names));
        }

        assertThat(rows).extracting(row -> row.get("lastname")).containsExactlyInAnyOrderElementsOf(names.subList(0, 2_002));
        List<RequestLog.Entry> queries = world.sandbox().requestLog().entries(e -> e.path().endsWith("/contacts"));
        assertThat(queries).hasSizeGreaterThan(1).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.path().length() + 1 + e.query().length()).isLessThan(30_000);
        });
    }
}
