package io.dvbridge.sandbox.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.dataverse.DataverseClient;
import io.dvbridge.dataverse.DataverseQuery;
import io.dvbridge.http.RetryPolicy;
import io.dvbridge.sandbox.RequestLog;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.dataverse.StoredRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Server-driven paging of 12,345 generated rows, over HTTPS with msal4j tokens, followed through verbatim nextLinks. */
class DataversePagingOverHttpsTest {

    private static final int ROWS = 12_345;
    private static final String CONTACTS = "/orgs/contoso-dev/api/data/v9.2/contacts";

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
                          - {name: emailaddress1, type: String, maxLength: 100}
                        generate:
                          count: %d
                          columns: {lastname: "Contact {n:%%05d}", emailaddress1: "c{n}@example.com"}
                """.formatted(ROWS), SandboxOptions.defaults());
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static Set<UUID> storedIds() {
        return world.sandbox().environment("contoso-dev").data().table("contact").orElseThrow().rows().stream()
                .map(StoredRow::id).collect(Collectors.toSet());
    }

    private static List<RequestLog.Entry> contactGetsSince(long mark) {
        return world.sandbox().requestLog().entries(e -> e.sequence() > mark && e.method().equals("GET")
                && e.path().equals(CONTACTS));
    }

    private static void readsEveryRowOnceIn(int pageSize, int expectedPages) {
        DataverseClient client = world.dataverse(RetryPolicy.DEFAULT);
        long mark = world.mark();
        List<Integer> pageSizes = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();

        Iterator<List<Map<String, Object>>> pages = client.queryPages(DataverseQuery.of("contacts")
                .withSelect(List.of("contactid", "lastname")).withPageSize(pageSize));
        pages.forEachRemaining(page -> {
            pageSizes.add(page.size());
            page.forEach(row -> ids.add(UUID.fromString((String) row.get("contactid"))));
        });

        assertThat(ids).hasSize(ROWS).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(storedIds());
        assertThat(pageSizes).hasSize(expectedPages);
        assertThat(pageSizes.subList(0, expectedPages - 1)).containsOnly(pageSize);
        assertThat(pageSizes.get(expectedPages - 1)).isEqualTo(ROWS - pageSize * (expectedPages - 1));
        List<RequestLog.Entry> requests = contactGetsSince(mark);
        assertThat(requests).hasSize(expectedPages).allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
        assertThat(requests.get(0).query()).doesNotContain("skiptoken");
        assertThat(requests.subList(1, requests.size())).allSatisfy(e -> assertThat(e.query()).contains("$skiptoken="));
    }

    @Test
    void the_client_reads_12345_rows_in_pages_of_5000_each_row_once_in_three_requests() {
        readsEveryRowOnceIn(5000, 3);
    }

    @Test
    void the_client_reads_12345_rows_in_pages_of_1000_each_row_once_in_thirteen_requests() {
        readsEveryRowOnceIn(1000, 13);
    }

    @Test
    void each_next_link_is_requested_verbatim_and_the_page_size_preference_is_echoed_on_every_page() {
        long mark = world.mark();
        List<String> nextLinks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String url = world.dataverseApi() + "contacts?$select=lastname";
        while (url != null) {
            HttpResponse<String> page = world.get(url, world.dataverseToken(),
                    Map.of("Prefer", "odata.maxpagesize=5000", "OData-MaxVersion", "4.0", "OData-Version", "4.0"));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.headers().firstValue("Preference-Applied")).hasValue("odata.maxpagesize=5000");
            JsonNode body = AcceptanceWorld.json(page);
            body.path("value").forEach(row -> assertThat(seen.add(row.path("contactid").asText())).isTrue());
            url = body.hasNonNull("@odata.nextLink") ? body.path("@odata.nextLink").asText() : null;
            if (url != null) {
                nextLinks.add(url);
            }
        }

        assertThat(seen).hasSize(ROWS);
        assertThat(nextLinks).hasSize(2);
        List<RequestLog.Entry> requests = contactGetsSince(mark);
        assertThat(requests).hasSize(3);
        for (int i = 0; i < nextLinks.size(); i++) {
            URI link = URI.create(nextLinks.get(i));
            assertThat(requests.get(i + 1).path()).isEqualTo(link.getRawPath());
            assertThat(requests.get(i + 1).query()).as("page %d asked for exactly the nextLink", i + 2).isEqualTo(link.getRawQuery());
        }
    }
}
