package io.dvbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runs page (/ui) of `dvbridge run` in a real headless chromium: a person signs in with the API key, follows the
 * runs, reads a rebind plan and an import's per-record results, and starts a dry run from the form the page builds
 * from the job's request schema, with the keyboard only; and the API call behind the per-record results. Runs against
 * the demo sandbox through the real bootstrap. The browser starts with the first test that needs it: without chromium
 * those tests are skipped on a workstation (they fail under CI=true), the API's test still runs.
 */
class RunsPageTest {

    static final String KEY = "ui-test-key-0123456789abcdefghijklmnopqrstuvwxyz";
    static final Set<String> ATTENTION = Set.of("MISMATCHED", "AMBIGUOUS", "UNMATCHED", "CONFLICT");
    /** How long the page may take to show what the test waits for; a bound against hanging, never asserted. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path runs;
    @TempDir
    static Path profile;
    static TriggerWorld world;
    static int port;
    static ChromeDriver browser;
    static String importRunId;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        Browser.requireChromium();
        port = TriggerWorld.freePort();
        Map<String, String> config = new HashMap<>(Map.of("camel.server.enabled", "true", "camel.server.port", Integer.toString(port),
                "dvbridge.api.keys", "operator", "dvbridge.api.keys.operator", KEY));
        config.put("dvbridge.run.files-dir", runs.resolve("files").toString());
        config.putAll(Map.of("dvbridge.api.entra.authority", "sandbox:contoso", "dvbridge.api.entra.audience", "api://dvbridge",
                "dvbridge.api.entra.client-id", "8d2f6c1e-5b4a-4c3d-9e8f-1a2b3c4d5e6f"));
        Files.createDirectories(runs.resolve("files"));
        world = new TriggerWorld(runs.resolve("store"), config);
        api("POST", "/api/jobs/data-export?wait=true", "{\"environment\":\"contoso-dev\",\"schema\":\"analytics-reports.xml\",\"out\":\"ui.zip\"}");
        importRunId = api("POST", "/api/jobs/data-import?wait=true", "{\"environment\":\"contoso-prod\",\"data\":\"ui.zip\",\"dryRun\":true}")
                .get("runId").asText();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (world != null) {
            world.close();
        }
    }

    /** The page in the browser, signed out. */
    static void open() {
        if (browser == null) {
            Browser.requireChromium();
            browser = Browser.start(profile);
        }
        Browser.consoleErrors(browser); // what earlier tests left there
        browser.get(url("/ui/"));
        browser.executeScript("window.sessionStorage.clear()");
        browser.navigate().refresh();
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void the_runs_page_lists_runs_and_shows_a_rebind_plan_with_the_rows_needing_attention_first() throws Exception {
        JsonNode report = api("POST", "/api/jobs/rebind?wait=true", "{\"environment\":\"contoso-prod\",\"dryRun\":true}");
        String runId = report.get("runId").asText();
        open();

        signIn();
        WebElement link = waitFor(By.cssSelector("#runs-list a[href='#/runs/" + runId + "']"));
        WebElement row = link.findElement(By.xpath("ancestor::tr"));
        assertThat(row.getText()).contains("rebind", "NEEDS ATTENTION", "contoso-prod");
        Browser.screenshotForDocs(browser, "ui-runs");

        link.click();
        waitFor(By.id("rebind-heading"));
        List<String> outcomes = column("#report section[aria-labelledby='rebind-heading'] table", 2);
        List<String> expected = new java.util.ArrayList<>();
        report.at("/rebind/rows").forEach(r -> expected.add(r.get("outcome").asText()));
        assertThat(outcomes).as("every row of the report, each once").containsExactlyInAnyOrderElementsOf(
                expected.stream().map(o -> o.replace('_', ' ')).toList());
        int firstOther = (int) outcomes.stream().takeWhile(o -> ATTENTION.contains(o)).count();
        assertThat(firstOther).as("rows needing attention come first").isEqualTo(
                (int) expected.stream().filter(ATTENTION::contains).count()).isPositive();
        assertThat(outcomes.subList(firstOther, outcomes.size())).noneMatch(ATTENTION::contains).contains("PLANNED");
        assertThat(text(By.cssSelector("#run-facts"))).contains("NEEDS ATTENTION", "Dry run", "yes");
        assertThat(browser.findElement(By.cssSelector("pre.summary")).getAttribute("textContent")).isEqualTo(report.get("summary").asText());
        assertThat(Browser.consoleErrors(browser)).as("no script error, nothing refused by the Content-Security-Policy").isEmpty();
        browser.manage().window().setSize(new Dimension(1280, 1300));
        Browser.screenshotForDocs(browser, "ui-rebind-report");
    }

    @Test
    void a_dry_run_starts_from_the_form_built_from_the_jobs_schema_using_only_the_keyboard() throws Exception {
        open();
        signIn();
        waitFor(By.id("runs-list"));

        focusByTab(By.linkText("Start a job"));
        keys(Keys.ENTER);
        focusByTab(By.linkText(job("rebind").get("title").asText()));
        keys(Keys.ENTER);
        waitFor(By.id("job-form"));
        for (WebElement control : browser.findElements(By.cssSelector("#job-form input, #job-form select"))) {
            assertThat(browser.findElements(By.cssSelector("label[for='" + control.getAttribute("id") + "']")))
                    .as("a label for %s", control.getAttribute("name")).hasSize(1);
        }
        assertThat(browser.findElements(By.id("field-dryRun"))).as("a dry run is a button, not a box to forget").isEmpty();

        keys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("field-environment");
        keys("contoso-prod");
        Browser.screenshotForDocs(browser, "ui-start-form");
        keys(Keys.ENTER);

        WebElement status = new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#run-facts .status-NEEDS_ATTENTION")));
        assertThat(status.getText()).isEqualTo("NEEDS ATTENTION");
        waitFor(By.id("rebind-heading"));
        String runId = browser.getCurrentUrl().replaceAll(".*#/runs/", "");
        JsonNode run = api("GET", "/api/runs/" + runId, null);
        assertThat(run.get("dryRun").asBoolean()).as("Enter in the form submits the dry run").isTrue();
        assertThat(run.get("caller").asText()).isEqualTo("api-key:operator");
        assertThat(text(By.id("announcer"))).contains(runId);
        assertThat(Browser.consoleErrors(browser)).isEmpty();
    }

    @Test
    void the_apis_answer_to_a_bad_field_shows_next_to_that_field() {
        open();
        signIn();
        waitFor(By.id("runs-list"));
        browser.get(url("/ui/#/start/rebind"));
        waitFor(By.id("job-form")).isDisplayed();
        browser.findElement(By.id("field-environment")).sendKeys("contoso-prod");
        browser.findElement(By.id("field-stageOrder")).sendKeys("7");
        browser.findElement(By.id("start-dry-run")).click();

        WebElement error = new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.id("field-stageOrder-error")));
        assertThat(error.getText()).contains("stageOrder");
        WebElement field = browser.findElement(By.id("field-stageOrder"));
        assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(field.getAttribute("aria-describedby")).contains("field-stageOrder-error");
        assertThat(browser.switchTo().activeElement()).isEqualTo(field);
        assertThat(browser.getCurrentUrl()).as("nothing started").endsWith("#/start/rebind");
    }

    @Test
    void an_imports_results_are_shown_per_record_and_filtered_by_outcome_and_entity() throws Exception {
        open();
        String runId = importRunId;
        signIn();
        waitFor(By.id("runs-list"));
        browser.get(url("/ui/#/runs/" + runId));
        waitFor(By.cssSelector("#records-results-table table"));
        List<String> entities = column("#records-results-table table", 1);
        assertThat(entities).hasSize(10);
        String entity = entities.get(0);

        browser.executeScript("document.getElementById('records-results-heading').scrollIntoView()");
        Browser.screenshotForDocs(browser, "ui-import-results");

        new Select(browser.findElement(By.id("records-results-outcome"))).selectByValue("FAILED");
        browser.findElement(By.cssSelector("#records-results-heading + form button[type=submit]")).click();
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("records-results-table"),
                "No matching records."));

        new Select(browser.findElement(By.id("records-results-outcome"))).selectByValue("");
        browser.findElement(By.id("records-results-entity")).sendKeys(entity, Keys.ENTER);
        new WebDriverWait(browser, PATIENCE).until(d -> {
            List<String> shown = column("#records-results-table table", 1);
            return !shown.isEmpty() && shown.stream().allMatch(entity::equals);
        });
        assertThat(column("#records-results-table table", 1)).hasSize((int) entities.stream().filter(entity::equals).count());
    }

    @Test
    void the_page_is_public_but_every_data_call_needs_the_credential() throws Exception {
        open();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url("/ui/"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).doesNotContain("<script>").contains("src=\"/ui/app.js\"");
        assertThat(status("/ui", null)).as("/ui without its slash").isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(url("/ui/report.json"))).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(404);
        assertThat(rawGet("rebound.example.com", "/ui/")).as("a page on a rebound DNS name gets nothing").startsWith("HTTP/1.1 421");

        Object status = browser.executeAsyncScript("const done = arguments[0];"
                + "fetch('/api/runs').then(r => done(r.status), e => done(String(e)));");
        assertThat(status).as("a fetch without the credential").isEqualTo(401L);

        browser.findElement(By.id("credential")).sendKeys("not-the-key-0123456789abcdefghijklmnopqrstuvwxyz", Keys.ENTER);
        WebElement error = waitFor(By.id("credential-error"));
        assertThat(error.getText()).contains("API key is not valid");
        assertThat(browser.executeScript("return window.sessionStorage.getItem('dvbridge.credential')")).isNull();

        signIn();
        waitFor(By.id("runs-list"));
        assertThat(browser.getCurrentUrl()).doesNotContain(KEY);
        browser.findElement(By.id("sign-out")).click();
        waitFor(By.id("credential"));
        assertThat(browser.executeScript("return window.sessionStorage.getItem('dvbridge.credential')")).isNull();
    }

    @Test
    void a_runs_results_file_is_read_a_page_at_a_time_filtered_by_field_values() throws Exception {
        String results = "/api/runs/" + importRunId + "/files/results";
        List<JsonNode> all = new java.util.ArrayList<>();
        List<Long> starts = new java.util.ArrayList<>();
        JsonNode page = api("GET", results + "?limit=3", null);
        while (true) {
            starts.add(page.get("from").asLong());
            page.get("records").forEach(all::add);
            assertThat(page.get("columns")).extracting(JsonNode::asText).containsExactly("entity", "recordId", "targetId", "outcome", "message");
            if (page.get("next").isNull()) {
                break;
            }
            page = api("GET", results + "?limit=3&from=" + page.get("next").asLong(), null);
        }
        assertThat(starts).containsExactly(0L, 3L, 6L, 9L);
        List<String> lines = Files.readAllLines(runs.resolve("store").resolve(importRunId).resolve("results.jsonl")).stream()
                .filter(l -> !l.isBlank()).toList();
        assertThat(all).hasSize(lines.size()).hasSize(10);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(all.get(i)).isEqualTo(json.readTree(lines.get(i)));
        }

        String entity = all.get(0).get("entity").asText();
        String outcome = all.get(0).get("outcome").asText();
        JsonNode filtered = api("GET", results + "?entity=" + entity + "&outcome=" + outcome, null);
        assertThat(filtered.get("records")).hasSize((int) all.stream()
                .filter(r -> r.get("entity").asText().equals(entity) && r.get("outcome").asText().equals(outcome)).count())
                .allSatisfy(r -> assertThat(r.get("entity").asText()).isEqualTo(entity));
        assertThat(api("GET", results + "?outcome=FAILED", null).get("records")).isEmpty();

        assertThat(status(results + "?limit=0", KEY)).isEqualTo(400);
        assertThat(status(results + "?from=x", KEY)).isEqualTo(400);
        assertThat(status(results + "?a%20b=1", KEY)).isEqualTo(400);
        assertThat(status("/api/runs/" + importRunId + "/files/report", KEY)).as("the report is not a file of records").isEqualTo(400);
        assertThat(status("/api/runs/" + importRunId + "/files/undo", KEY)).as("a role the report does not list").isEqualTo(404);
        assertThat(status("/api/runs/" + importRunId + "/files/..%2Freport", KEY)).isIn(400, 404);
        assertThat(status("/api/runs/rebind-20990101-000000-abcdef/files/results", KEY)).isEqualTo(404);
        assertThat(status(results, null)).as("no credential").isEqualTo(401);
        assertThat(status(results, "wrong-key-0123456789abcdefghijklmnopqrstuvwxyz")).isEqualTo(401);
    }

    @Test
    void a_read_only_entra_token_lists_the_runs_and_the_form_says_why_it_cannot_start_one() throws Exception {
        open();
        String token = token(TriggersRestTest.DASHBOARD, "sandbox-only-dashboard-secret", "api://dvbridge/.default");
        new Select(waitFor(By.id("credential-scheme"))).selectByValue("bearer");
        browser.findElement(By.id("credential")).sendKeys(token, Keys.ENTER);
        waitFor(By.cssSelector("#runs-list table"));
        assertThat(browser.getCurrentUrl()).doesNotContain(token.substring(0, 20));

        browser.get(url("/ui/#/start/check"));
        waitFor(By.id("job-form"));
        assertThat(browser.findElements(By.id("start-dry-run"))).as("check writes nothing: one button").isEmpty();
        browser.findElement(By.id("field-environment")).sendKeys("contoso-prod", Keys.ENTER);
        WebElement refusal = waitFor(By.id("form-error"));
        assertThat(refusal.getText()).contains("has not been assigned the app role Jobs.Run");
        assertThat(api("GET", "/api/runs?job=check", null).get("runs")).as("nothing started").isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void signIn() {
        browser.get(url("/ui/#/runs"));
        WebElement credential = waitFor(By.id("credential"));
        assertThat(browser.switchTo().activeElement()).as("the page asks for the key first").isEqualTo(credential);
        credential.sendKeys(KEY, Keys.ENTER);
        waitFor(By.id("runs-list"));
    }

    WebElement waitFor(By locator) {
        return new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    String text(By locator) {
        return browser.findElement(locator).getText();
    }

    /** The texts of one column (1-based) of a table's body. */
    List<String> column(String table, int index) {
        return browser.findElements(By.cssSelector(table + " tbody tr td:nth-child(" + index + ")")).stream().map(WebElement::getText).toList();
    }

    void keys(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    /** Presses Tab until {@code target} has the focus, as a keyboard user would; fails if it never gets it. */
    void focusByTab(By target) {
        WebElement wanted = waitFor(target);
        for (int i = 0; i < 40; i++) {
            if (browser.switchTo().activeElement().equals(wanted)) {
                return;
            }
            keys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + target);
    }

    static String token(String clientId, String secret, String scope) throws Exception {
        var app = com.microsoft.aad.msal4j.ConfidentialClientApplication.builder(clientId,
                        com.microsoft.aad.msal4j.ClientCredentialFactory.createFromSecret(secret))
                .authority(world.sandbox.authority("contoso")).instanceDiscovery(false).validateAuthority(false)
                .sslSocketFactory(world.sandbox.clientTls().getSocketFactory()).build();
        return app.acquireToken(com.microsoft.aad.msal4j.ClientCredentialParameters.builder(Set.of(scope)).skipCache(true).build())
                .join().accessToken();
    }

    static JsonNode job(String name) throws Exception {
        for (JsonNode job : api("GET", "/api/jobs", null).get("jobs")) {
            if (job.get("name").asText().equals(name)) {
                return job;
            }
        }
        throw new AssertionError("No job " + name);
    }

    /** A request with a Host of the test's choosing, as a browser on a rebound DNS name sends it. */
    static String rawGet(String host, String path) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static int status(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static JsonNode api(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).header("X-API-Key", KEY).timeout(Duration.ofSeconds(120));
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return json.readTree(response.body());
    }
}
