package io.dvbridge.sandbox.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.dataverse.DataverseClient;
import io.dvbridge.dataverse.DataverseConstants;
import io.dvbridge.dataverse.DataverseException;
import io.dvbridge.dataverse.DataverseQuery;
import io.dvbridge.http.RetryPolicy;
import io.dvbridge.sandbox.SandboxOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** $filter escaping through the dataverse: component, the malformed-filter error, and FetchXML paging with the cookie. */
class QueriesOverHttpsTest {

    private static final Pattern PAGING_COOKIE = Pattern.compile("pagingcookie=\"([^\"]*)\"");
    private static final int CONTACTS = 23;

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
                          - {lastname: "OBryan", firstname: Kim}
                          - {lastname: "O'Brien", firstname: Lee}
                        generate:
                          count: %d
                          columns: {lastname: "Member {n:%%03d}", firstname: "F{n}"}
                """.formatted(CONTACTS - 3), SandboxOptions.defaults());
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_name_with_an_apostrophe_is_found_through_the_components_parameter_formatting() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("environments", world);
            camel.start();

            Object body = camel.createProducerTemplate().requestBodyAndHeader(
                    "dataverse:query/contacts?environment=contoso-dev&select=lastname,firstname&filter=lastname eq @last&outputMode=list",
                    null, DataverseConstants.PARAMETERS, Map.of("last", "O'Bryan"));

            List<Map<String, Object>> rows = (List<Map<String, Object>>) body;
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsEntry("lastname", "O'Bryan").containsEntry("firstname", "Pat");
        }
        assertThat(world.sandbox().requestLog().entries(e -> e.path().endsWith("/contacts") && e.query() != null
                && e.query().contains("%27O%27%27Bryan%27"))).isNotEmpty();
    }

    @Test
    void an_unescaped_apostrophe_is_a_400_naming_the_unterminated_literal() {
        DataverseClient client = world.dataverse(RetryPolicy.DEFAULT);
        String concatenated = "lastname eq 'O'Bryan'";

        DataverseException malformed = catchThrowableOfType(DataverseException.class,
                () -> client.queryAll(DataverseQuery.of("contacts").withFilter(concatenated)));

        assertThat(malformed.status()).isEqualTo(400);
        // The literal opened by the last quote runs to the end of the text, where OData's lexer reports it.
        assertThat(malformed.remoteMessage()).isEqualTo("There is an unterminated literal at position " + concatenated.length()
                + " in '" + concatenated + "'.");
    }

    @Test
    void fetchxml_pages_are_read_to_the_end_with_the_paging_cookie_built_by_hand() {
        int pageSize = 5;
        List<String> names = new ArrayList<>();
        int page = 1;
        String cookie = null;
        int requests = 0;
        while (true) {
            String fetch = "<fetch count=\"" + pageSize + "\" page=\"" + page + "\""
                    + (cookie == null ? "" : " paging-cookie=\"" + xmlAttribute(cookie) + "\"") + ">"
                    + "<entity name=\"contact\"><attribute name=\"lastname\" /><attribute name=\"contactid\" />"
                    + "<order attribute=\"lastname\" /></entity></fetch>";
            HttpResponse<String> response = world.dataverseGet("contacts?fetchXml=" + URLEncoder.encode(fetch, StandardCharsets.UTF_8)
                    .replace("+", "%20"), Map.of("Prefer", "odata.include-annotations=\"*\""));
            requests++;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = AcceptanceWorld.json(response);
            body.path("value").forEach(row -> names.add(row.path("lastname").asText()));
            if (!body.path("@Microsoft.Dynamics.CRM.morerecords").asBoolean(false)) {
                break;
            }
            // As Microsoft documents: take the pagingcookie attribute, URL-decode it twice, XML-encode it into paging-cookie.
            Matcher m = PAGING_COOKIE.matcher(body.path("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie").asText());
            assertThat(m.find()).isTrue();
            cookie = URLDecoder.decode(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            assertThat(cookie).startsWith("<cookie page=\"" + page + "\">");
            page++;
        }

        assertThat(requests).isEqualTo((CONTACTS + pageSize - 1) / pageSize);
        assertThat(names).hasSize(CONTACTS).doesNotHaveDuplicates();
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        assertThat(names).isEqualTo(sorted);
    }

    private static String xmlAttribute(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
