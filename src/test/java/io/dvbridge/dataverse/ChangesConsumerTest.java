package io.dvbridge.dataverse;

import io.dvbridge.auth.Credential;
import io.dvbridge.auth.TokenSource;
import io.dvbridge.auth.TokenSourceRegistry;
import io.dvbridge.config.DvEnvironment;
import io.dvbridge.config.Environments;
import io.dvbridge.config.UnknownEnvironmentException;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.dataverse.EnvironmentData;
import io.dvbridge.sandbox.dataverse.StoredRow;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dataverse:changes} as a route meets it: Camel routes (YAML and Java DSL) reading the sandbox's change
 * tracking over HTTPS with msal4j tokens; the test drives each poll itself (startScheduler=false) so pages and
 * positions can be checked one poll at a time.
 */
class ChangesConsumerTest {

    static final String TENANT = "5b0e8c61-3f5d-4c5e-9d0a-1c2b3a4d5e6f";
    static final String CLIENT = "a1b2c3d4-0000-4000-8000-000000000001";
    static final String SECRET = "changes~Secret.value_1";
    static final String WORLD = """
            tenants:
              - id: %s
                name: contoso
                apps: [{clientId: %s, name: changes-test, secrets: ["%s"]}]
            environments:
              - name: test
                tenant: contoso
                tables:
                  - logicalName: organization
                    entitySetName: organizations
                    primaryName: name
                    columns: [{name: expirechangetrackingindays, type: Integer}]
                    rows: [{name: test, expirechangetrackingindays: 7}]
                  - logicalName: contact
                    entitySetName: contacts
                    primaryName: fullname
                    changeTracking: true
                    generate: {count: 7, columns: {fullname: "Contact {n}"}}
                  - logicalName: msdynci_alternatekey
                    entitySetName: msdynci_alternatekeys
                    elastic: true
                    changeTracking: true
                    columns: [{name: msdynci_identifier, type: String, maxLength: 400}]
                    generate:
                      count: 5
                      columns:
                        msdynci_alternatekeyid: "{uuid5:msdynci_identifier}"
                        msdynci_identifier: "crm|contact1|cntid_{n}"
                        partitionid: "customer-{n}"
            """.formatted(TENANT, CLIENT, SECRET);

    Sandbox sandbox;
    TokenSource tokens;

    CamelContext camel;
    final InMemoryChangeCheckpoints checkpoints = new InMemoryChangeCheckpoints();
    final List<Exchange> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(FixtureLoader.parse(WORLD), SandboxOptions.defaults());
        tokens = new TokenSourceRegistry().confidentialClient(sandbox.authority("contoso"), CLIENT, new Credential.ClientSecret(SECRET),
                sandbox.clientTls());
        camel = new DefaultCamelContext();
        DvEnvironment environment = new DvEnvironment("test", URI.create(sandbox.dataverseOrigin("test")), URI.create(sandbox.powerBiApiUrl()),
                DvEnvironment.POWER_BI_SCOPE, tokens, sandbox.clientTls());
        camel.getRegistry().bind("environments", Environments.class, new Environments() {
            @Override
            public DvEnvironment environment(String name) {
                if (!name.equals("test")) {
                    throw new UnknownEnvironmentException(name, names());
                }
                return environment;
            }

            @Override
            public Set<String> names() {
                return Set.of("test");
            }
        });
        camel.getRegistry().bind("checkpoints", checkpoints);
    }

    @AfterEach
    void stop() {
        camel.stop();
        sandbox.close();
    }

    EnvironmentData data() {
        return sandbox.environment("test").data();
    }

    /** A Java route that records each page and fails the pages the predicate picks. */
    void route(String options, java.util.function.Predicate<Exchange> fail) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("dataverse:changes/contacts?environment=test&select=fullname&checkpoints=#checkpoints&startScheduler=false" + options)
                        .routeId("changes").process(e -> {
                            if (fail.test(e)) {
                                throw new IllegalStateException("the sink is down");
                            }
                            delivered.add(e.copy());
                        });
            }
        });
        camel.start();
    }

    int poll() throws Exception {
        return ((DataverseChangesConsumer) camel.getRoute("changes").getConsumer()).poll();
    }

    static List<String> names(List<Exchange> pages) {
        List<String> names = new ArrayList<>();
        for (Exchange page : pages) {
            for (Object row : page.getMessage().getBody(List.class)) {
                names.add((String) ((Map<?, ?>) row).get("fullname"));
            }
        }
        return names;
    }

    static Object header(Exchange page, String name) {
        return page.getMessage().getHeader(name);
    }

    List<String> allNames() {
        return data().tableBySet("contacts").orElseThrow().rows().stream().map(r -> (String) r.get("fullname")).toList();
    }

    @Test
    void a_yaml_route_reads_an_initial_sync_in_pages_then_a_delta_with_upserts_and_deletes() throws Exception {
        String yaml = """
                - route:
                    id: changes
                    from:
                      uri: "dataverse:changes/contacts?environment=test&select=fullname&maxPageSize=3&checkpoints=#checkpoints&startScheduler=false"
                      steps:
                        - to: mock:pages
                """;
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("changes.camel.yaml", yaml));
        camel.start();
        var mock = camel.getEndpoint("mock:pages", org.apache.camel.component.mock.MockEndpoint.class);
        List<String> before = allNames();

        assertThat(poll()).isEqualTo(3);

        List<Exchange> initial = mock.getExchanges();
        assertThat(names(initial)).containsExactlyInAnyOrderElementsOf(before);
        assertThat(initial).extracting(e -> header(e, DataverseConstants.CHANGES_LAST)).containsExactly(false, false, true);
        assertThat(initial).extracting(e -> header(e, DataverseConstants.CHANGES_INITIAL)).containsOnly(true);
        assertThat(initial).extracting(e -> header(e, DataverseConstants.CHANGES_RESYNC)).containsOnly(false);
        assertThat(initial).extracting(e -> header(e, DataverseConstants.CHANGES_PAGE)).containsExactly(1, 2, 3);
        assertThat(header(initial.get(0), DataverseConstants.CHANGES_KEY)).isEqualTo("test/contacts");
        assertThat(header(initial.get(0), DataverseConstants.ENTITY_SET)).isEqualTo("contacts");
        assertThat((String) header(initial.get(0), DataverseConstants.CHANGES_POSITION)).contains("$skiptoken=");
        String deltaLink = (String) header(initial.get(2), DataverseConstants.CHANGES_POSITION);
        assertThat(deltaLink).contains("$deltatoken=");
        assertThat(checkpoints.load("test/contacts")).contains(deltaLink);

        List<StoredRow> rows = data().tableBySet("contacts").orElseThrow().rows();
        data().modify("contacts", rows.get(0).id(), Map.of("fullname", "Changed"));
        UUID added = UUID.randomUUID();
        data().add("contacts", Map.of("contactid", added, "fullname", "Added"), Map.of());
        data().remove("contacts", rows.get(1).id());
        mock.reset();

        assertThat(poll()).isEqualTo(1);

        Exchange delta = mock.getExchanges().get(0);
        assertThat(names(List.of(delta))).containsExactly("Changed", "Added");
        assertThat(header(delta, DataverseConstants.DELETED_IDS)).isEqualTo(List.of(rows.get(1).id().toString()));
        assertThat(header(delta, DataverseConstants.CHANGES_INITIAL)).isEqualTo(false);
        assertThat(header(delta, DataverseConstants.CHANGES_LAST)).isEqualTo(true);
        mock.reset();
        assertThat(poll()).isEqualTo(1);
        assertThat(mock.getExchanges().get(0).getMessage().getBody(List.class)).isEmpty();
    }

    @Test
    void a_page_that_fails_in_the_route_is_read_again_by_the_next_poll_and_nothing_is_lost_or_repeated() throws Exception {
        AtomicBoolean failOnce = new AtomicBoolean(true);
        route("&maxPageSize=2&checkpointKey=contacts-resume",
                e -> Integer.valueOf(2).equals(header(e, DataverseConstants.CHANGES_PAGE)) && failOnce.getAndSet(false));

        assertThat(poll()).isEqualTo(2);
        String afterFirst = (String) header(delivered.get(0), DataverseConstants.CHANGES_POSITION);
        assertThat(checkpoints.load("contacts-resume")).contains(afterFirst);

        poll();

        assertThat(names(delivered)).containsExactlyInAnyOrderElementsOf(allNames()).doesNotHaveDuplicates();
        assertThat(header(delivered.get(delivered.size() - 1), DataverseConstants.CHANGES_LAST)).isEqualTo(true);
        assertThat(checkpoints.load("contacts-resume").orElseThrow()).contains("$deltatoken=");
    }

    @Test
    void a_page_that_fails_after_the_next_page_was_read_ahead_is_replayed_with_that_page_and_nothing_is_lost() throws Exception {
        AtomicBoolean failOnce = new AtomicBoolean(true);
        AtomicBoolean thirdPageReadAhead = new AtomicBoolean();
        route("&maxPageSize=2&checkpointKey=contacts-ahead&readAhead=true", e -> {
            if (!Integer.valueOf(2).equals(header(e, DataverseConstants.CHANGES_PAGE)) || !failOnce.getAndSet(false)) {
                return false;
            }
            // fail page 2 only once the consumer has asked for page 3 ahead of it
            for (int i = 0; i < 400 && !thirdPageReadAhead.get(); i++) {
                thirdPageReadAhead.set(contactReads() >= 3);
                java.util.concurrent.locks.LockSupport.parkNanos(25_000_000L);
            }
            return true;
        });

        assertThat(poll()).isEqualTo(2);
        assertThat(thirdPageReadAhead).isTrue();
        String afterFirst = (String) header(delivered.get(0), DataverseConstants.CHANGES_POSITION);
        assertThat(checkpoints.load("contacts-ahead")).contains(afterFirst);
        assertThat(delivered).hasSize(1);

        poll();

        assertThat(names(delivered)).containsExactlyInAnyOrderElementsOf(allNames()).doesNotHaveDuplicates();
        assertThat(delivered).extracting(e -> header(e, DataverseConstants.CHANGES_PAGE)).containsExactly(1, 1, 2, 3);
        assertThat(checkpoints.load("contacts-ahead").orElseThrow()).contains("$deltatoken=");
    }

    @Test
    void without_read_ahead_each_page_is_read_only_after_the_previous_one_was_processed() throws Exception {
        List<Long> readsWhileProcessing = new CopyOnWriteArrayList<>();
        route("&maxPageSize=2&readAhead=false", e -> {
            readsWhileProcessing.add(contactReads());
            return false;
        });

        poll();

        assertThat(names(delivered)).containsExactlyInAnyOrderElementsOf(allNames());
        assertThat(readsWhileProcessing).containsExactly(1L, 2L, 3L, 4L);
    }

    long contactReads() {
        return sandbox.requestLog().count(r -> r.method().equals("GET") && r.path().endsWith("/contacts"));
    }

    @Test
    void with_auto_commit_off_the_route_saves_the_position_itself() throws Exception {
        String yaml = """
                - route:
                    id: changes
                    from:
                      uri: "dataverse:changes/contacts?environment=test&select=fullname&maxPageSize=3&checkpoints=#checkpoints&autoCommit=false&startScheduler=false"
                      steps:
                        - to: mock:pages
                        - filter:
                            simple: "${header.CamelDataverseChangesPage} == 1"
                            steps:
                              - bean:
                                  ref: checkpoints
                                  method: "save(${header.CamelDataverseChangesKey}, ${header.CamelDataverseChangesPosition})"
                """;
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("sink.camel.yaml", yaml));
        camel.start();
        var mock = camel.getEndpoint("mock:pages", org.apache.camel.component.mock.MockEndpoint.class);

        poll();

        String savedByRoute = (String) header(mock.getExchanges().get(0), DataverseConstants.CHANGES_POSITION);
        assertThat(checkpoints.load("test/contacts")).contains(savedByRoute);
        mock.reset();
        poll();
        assertThat(names(mock.getExchanges())).hasSize(allNames().size() - 3);
        assertThat(mock.getExchanges().get(0).getMessage().getHeader(DataverseConstants.CHANGES_INITIAL)).isEqualTo(true);
    }

    @Test
    void an_expired_token_clears_the_position_and_starts_a_flagged_resync_that_survives_a_failure() throws Exception {
        AtomicBoolean failResyncPage = new AtomicBoolean(true);
        route("&maxPageSize=3&checkpointKey=contacts-expiry", e -> Boolean.TRUE.equals(header(e, DataverseConstants.CHANGES_RESYNC))
                && Integer.valueOf(2).equals(header(e, DataverseConstants.CHANGES_PAGE)) && failResyncPage.getAndSet(false));
        poll();
        delivered.clear();
        data().advanceClock(Duration.ofDays(8));
        StoredRow gone = data().tableBySet("contacts").orElseThrow().rows().get(0);
        data().remove("contacts", gone.id());

        poll();

        assertThat(delivered).hasSize(1);
        assertThat(header(delivered.get(0), DataverseConstants.CHANGES_RESYNC)).isEqualTo(true);
        assertThat(header(delivered.get(0), DataverseConstants.CHANGES_INITIAL)).isEqualTo(true);
        assertThat(checkpoints.load("contacts-expiry").orElseThrow()).endsWith("#resync");

        poll();

        assertThat(delivered).extracting(e -> header(e, DataverseConstants.CHANGES_RESYNC)).containsOnly(true);
        assertThat(names(delivered)).containsExactlyInAnyOrderElementsOf(allNames()).doesNotContain((String) gone.get("fullname"));
        String position = checkpoints.load("contacts-expiry").orElseThrow();
        assertThat(position).contains("$deltatoken=").doesNotEndWith("#resync");
    }

    @Test
    void a_position_saved_against_another_host_is_never_followed_and_starts_a_flagged_resync() throws Exception {
        String foreign = "https://evil.example:8443/api/data/v9.2/contacts?$deltatoken=1%2101%2F01%2F2020";
        checkpoints.save("contacts-moved", foreign);
        route("&maxPageSize=100&checkpointKey=contacts-moved", e -> false);

        poll();

        assertThat(delivered).isNotEmpty().allSatisfy(page -> assertThat(header(page, DataverseConstants.CHANGES_RESYNC)).isEqualTo(true));
        assertThat(names(delivered)).containsExactlyInAnyOrderElementsOf(allNames());
        assertThat(checkpoints.load("contacts-moved").orElseThrow()).doesNotContain("evil.example").contains("$deltatoken=");
        assertThat(sandbox.requestLog().count(e -> e.path().contains("evil"))).isZero();
    }

    @Test
    void an_elastic_table_reports_deletes_by_id_and_rows_with_their_partition() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("dataverse:changes/msdynci_alternatekeys?environment=test&select=msdynci_identifier,partitionid"
                        + "&checkpoints=#checkpoints&startScheduler=false").routeId("changes").process(e -> delivered.add(e.copy()));
            }
        });
        camel.start();
        poll();
        List<?> rows = delivered.get(0).getMessage().getBody(List.class);
        assertThat(rows).hasSize(5).allSatisfy(r -> assertThat(((Map<?, ?>) r).get("partitionid")).asString().startsWith("customer-"));
        StoredRow removed = data().tableBySet("msdynci_alternatekeys").orElseThrow().rows().get(0);
        data().remove("msdynci_alternatekeys", removed.id());

        poll();

        assertThat(header(delivered.get(1), DataverseConstants.DELETED_IDS)).isEqualTo(List.of(removed.id().toString()));
        assertThat(delivered.get(1).getMessage().getBody(List.class)).isEmpty();
    }

    @Test
    void producers_count_changes_since_a_delta_link_and_read_the_organizations_retention() throws Exception {
        route("&checkpointKey=contacts-count", e -> false);
        poll();
        String deltaLink = checkpoints.load("contacts-count").orElseThrow();
        List<StoredRow> rows = data().tableBySet("contacts").orElseThrow().rows();
        data().modify("contacts", rows.get(2).id(), Map.of("fullname", "Counted"));
        data().remove("contacts", rows.get(3).id());
        var template = camel.createProducerTemplate();

        Object count = template.requestBodyAndHeader("dataverse:countChanges/contacts?environment=test", null,
                DataverseConstants.CHANGES_POSITION, deltaLink);
        Object organizations = template.requestBody("dataverse:query/organizations?environment=test&select=expirechangetrackingindays"
                + "&outputMode=list", (Object) null);

        assertThat(count).isEqualTo(2L);
        assertThat(organizations).asList().singleElement().satisfies(row -> assertThat(((Map<?, ?>) row).get("expirechangetrackingindays"))
                .isEqualTo(7));
    }
}
