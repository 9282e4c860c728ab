package io.dvbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The seed's algorithm (seed 000, the sample script) as a plain sequential Java program: the baseline the
 * rebind job is measured against. Same requests in the same order, one at a time:
 * <ol>
 *   <li>a v1 token for Power BI ({@code resource=}) and a v2 token for Dataverse ({@code scope=<url>/.default});</li>
 *   <li>the first workspace row of the historical feature whose name is not the managed workspace's
 *       ({@code $top=5}, then item 0);</li>
 *   <li>the reports of that Power BI workspace;</li>
 *   <li>the historical report rows whose workspace id differs from it;</li>
 *   <li>one PATCH per row whose name equals a report name (PowerShell's {@code -eq}: case-insensitive),
 *       {@code If-Match: *}, {@code Prefer: return=representation}, stopping at the first error.</li>
 * </ol>
 * Deliberate differences from the script, each in the baseline's favour or needed to run at all:
 * it follows {@code @odata.nextLink} (the script reads one page, so beyond one page it silently leaves rows
 * stale); it matches through a name index instead of scanning every report per row; it reads
 * {@code $pbiReports} rather than the script's {@code $pbiReports.value}, which in PowerShell enumerates a
 * property the reports do not have and so would match nothing; on duplicate names it takes the first report
 * (the script would send an array as the id); and it reuses one keep-alive HTTPS connection.
 */
public final class SeedAlgorithm {

    /** What the run did, for the benchmark's checks. */
    public record Result(String workspaceId, int powerBiReports, int rowsRead, int pagesRead, int rowsPatched,
                         int rowsWithoutReport) {
    }

    /** A response other than 2xx: the script runs with {@code -ErrorAction Stop}, so the run ends here. */
    public static final class SeedRequestFailed extends RuntimeException {
        SeedRequestFailed(String step, int status, String body) {
            super(step + " answered HTTP " + status + ": " + abbreviate(body));
        }

        private static String abbreviate(String body) {
            return body.length() <= 300 ? body : body.substring(0, 300) + "...";
        }
    }

    static final String POWER_BI_RESOURCE = "https://analysis.windows.net/powerbi/api";
    private static final String MANAGED_WORKSPACE_NAME = "Customer Service Managed Workspace";

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final String authority;
    private final String dataverseUrl;
    private final String powerBiUrl;
    private final String clientId;
    private final String clientSecret;
    private final String featureId;

    /**
     * @param authority    the Entra authority of the tenant, ending in {@code /}
     * @param dataverseUrl the environment URL (token resource), without {@code /api/data}
     * @param powerBiUrl   the Power BI REST base, ending in {@code /v1.0/myorg/}
     * @param tls          trusts exactly the server's certificate
     */
    public SeedAlgorithm(String authority, String dataverseUrl, String powerBiUrl, String clientId, String clientSecret,
                         String featureId, SSLContext tls) {
        this.authority = authority;
        this.dataverseUrl = dataverseUrl;
        this.powerBiUrl = powerBiUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.featureId = featureId;
        this.http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
    }

    public Result run() {
        String powerBiToken = powerBiToken();
        String dataverseAuthorization = dataverseAuthorization();
        String workspaceId = workspaceId(dataverseAuthorization);
        List<JsonNode> reports = powerBiReports(powerBiToken, workspaceId);
        Pages rows = staleRows(dataverseAuthorization, workspaceId);
        Map<String, JsonNode> reportByName = new HashMap<>();
        for (JsonNode report : reports) {
            reportByName.putIfAbsent(report.path("name").asText().toLowerCase(Locale.ROOT), report);
        }
        int patched = 0;
        int withoutReport = 0;
        for (JsonNode row : rows.values()) {
            Optional<JsonNode> report = Optional.ofNullable(reportByName.get(row.path("msdyn_name").asText().toLowerCase(Locale.ROOT)));
            if (report.isPresent()) {
                patch(dataverseAuthorization, row.path("msdyn_dataanalyticsreportid").asText(), workspaceId,
                        report.get().path("id").asText());
                patched++;
            } else {
                withoutReport++;
            }
        }
        return new Result(workspaceId, reports.size(), rows.values().size(), rows.pages(), patched, withoutReport);
    }

    private String powerBiToken() {
        JsonNode token = send("Power BI token (v1)", form(authority + "oauth2/token", Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret,
                "resource", POWER_BI_RESOURCE)));
        return token.path("access_token").asText();
    }

    private String dataverseAuthorization() {
        JsonNode token = send("Dataverse token (v2)", form(authority + "oauth2/v2.0/token", Map.of(
                "client_id", clientId, "client_secret", clientSecret, "scope", dataverseUrl + "/.default",
                "grant_type", "client_credentials")));
        return token.path("token_type").asText() + " " + token.path("access_token").asText();
    }

    private String workspaceId(String authorization) {
        String query = "$top=5&$select=msdyn_workspaceid,msdyn_name&$filter=" + encode("(msdyn_name ne '" + MANAGED_WORKSPACE_NAME
                + "' and _msdyn_datainsightsandanalyticsfeatureid_value eq '" + featureId + "')");
        JsonNode page = send("workspace query", dataverseGet(authorization, webApi() + "msdyn_dataanalyticsworkspaces?" + query));
        JsonNode first = page.path("value").path(0);
        if (first.isMissingNode()) {
            throw new IllegalStateException("No customer-owned workspace row for feature " + featureId);
        }
        return first.path("msdyn_workspaceid").asText();
    }

    private List<JsonNode> powerBiReports(String token, String workspaceId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(powerBiUrl + "groups/" + workspaceId + "/reports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .GET().build();
        List<JsonNode> reports = new ArrayList<>();
        send("Power BI reports", request).path("value").forEach(reports::add);
        return reports;
    }

    private record Pages(List<JsonNode> values, int pages) {
    }

    private Pages staleRows(String authorization, String workspaceId) {
        String query = "$select=msdyn_dataanalyticsreportid,msdyn_name,msdyn_workspaceid&$filter=" + encode("(msdyn_workspaceid ne '"
                + workspaceId + "' and _msdyn_datainsightsandanalyticsfeatureid_value eq '" + featureId + "')");
        List<JsonNode> rows = new ArrayList<>();
        Optional<String> next = Optional.of(webApi() + "msdyn_dataanalyticsreports?" + query);
        int pages = 0;
        while (next.isPresent()) {
            JsonNode page = send("report rows", dataverseGet(authorization, next.get()));
            page.path("value").forEach(rows::add);
            pages++;
            next = Optional.ofNullable(page.get("@odata.nextLink")).map(JsonNode::asText);
        }
        return new Pages(rows, pages);
    }

    private void patch(String authorization, String rowId, String workspaceId, String reportId) {
        String body;
        try {
            Map<String, String> update = new LinkedHashMap<>();
            update.put("msdyn_workspaceid", workspaceId);
            update.put("msdyn_reportid", reportId);
            body = json.writeValueAsString(update);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = dataverseRequest(authorization, webApi() + "msdyn_dataanalyticsreports(" + rowId + ")?$select="
                + "msdyn_workspaceid,msdyn_dataanalyticsreportid")
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Prefer", "return=representation")
                .header("If-Match", "*")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        send("PATCH of row " + rowId, request);
    }

    private String webApi() {
        // the script's API version; the sandbox serves v9.0 to v9.2 alike
        return dataverseUrl + "/api/data/v9.1/";
    }

    private HttpRequest dataverseGet(String authorization, String url) {
        return dataverseRequest(authorization, url).GET().build();
    }

    private static HttpRequest.Builder dataverseRequest(String authorization, String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("OData-MaxVersion", "4.0")
                .header("OData-Version", "4.0");
    }

    private static HttpRequest form(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private JsonNode send(String step, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(step + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(step + " was interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new SeedRequestFailed(step, response.statusCode(), response.body());
        }
        try {
            return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(step + " answered a body that is not JSON", e);
        }
    }

    /** Percent-encoding with %20 for spaces, as PowerShell sends them. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
