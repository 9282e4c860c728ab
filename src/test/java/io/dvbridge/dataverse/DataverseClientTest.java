package io.dvbridge.dataverse;

import io.dvbridge.http.FakeEnvironments;
import io.dvbridge.http.FakeHttpsServer;
import io.dvbridge.http.FakeHttpsServer.Recorded;
import io.dvbridge.http.FakeHttpsServer.Reply;
import io.dvbridge.http.ForeignHostException;
import io.dvbridge.http.RecordingTokenSource;
import io.dvbridge.http.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.dvbridge.http.FakeEnvironments.API_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataverseClientTest {

    /** Fast backoff so retry tests do not idle; Retry-After waits are still taken in full. */
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), 3,
            Duration.ofSeconds(300), Duration.ofSeconds(20));

    private final FakeHttpsServer server = new FakeHttpsServer();
    private final RecordingTokenSource tokens = new RecordingTokenSource();
    private final FakeEnvironments environments = new FakeEnvironments(server, tokens);

    @AfterEach
    void stop() {
        server.close();
    }

    private DataverseClient client(RetryPolicy policy) {
        return DataverseClient.connect(environments.test(), policy);
    }

    // A skiptoken as Dataverse writes it: an XML cookie escaped once, its inner cookie escaped twice.
    private static final String SKIPTOKEN = "%3Ccookie%20pagenumber=%222%22%20pagingcookie=%22%253ccookie%2520page%253d%25221%2522%253e%22%20/%3E";

    @Test
    void query_follows_every_next_link_verbatim_and_asks_for_the_same_page_size_each_time() {
        String nextPath = API_PATH + "accounts?$select=name&$skiptoken=" + SKIPTOKEN;
        server.respond(r -> r.rawUri().contains("skiptoken")
                ? Reply.json(200, "{\"value\":[{\"@odata.etag\":\"W/\\\"2\\\"\",\"name\":\"B\"}]}")
                : Reply.json(200, "{\"value\":[{\"@odata.etag\":\"W/\\\"1\\\"\",\"name\":\"A\"}],"
                + "\"@odata.nextLink\":\"" + server.origin() + nextPath + "\"}"));

        List<Map<String, Object>> rows = client(FAST).queryAll(DataverseQuery.of("accounts").withSelect(List.of("name"))
                .withPageSize(1));

        assertThat(rows).extracting(r -> r.get("name")).containsExactly("A", "B");
        assertThat(rows.get(0)).containsEntry("@odata.etag", "W/\"1\"");
        List<Recorded> requests = server.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).rawUri()).isEqualTo(API_PATH + "accounts?$select=name");
        assertThat(requests.get(1).rawUri()).isEqualTo(nextPath);
        assertThat(requests).allSatisfy(r -> assertThat(r.header("Prefer")).contains("odata.maxpagesize=1"));
    }

    @Test
    void a_rows_associated_rows_are_read_through_its_navigation_property_following_next_links() {
        String row = "systemusers(10000000-0000-4000-8000-000000000001)";
        String nextPath = API_PATH + row + "/systemuserroles_association?$select=roleid&$skiptoken=" + SKIPTOKEN;
        server.respond(r -> r.rawUri().contains("skiptoken")
                ? Reply.json(200, "{\"value\":[{\"roleid\":\"b\"}]}")
                : Reply.json(200, "{\"value\":[{\"roleid\":\"a\"}],\"@odata.nextLink\":\"" + server.origin() + nextPath + "\"}"));

        List<Map<String, Object>> rows = DataverseClient.all(client(FAST).relatedPages("systemusers",
                EntityKey.of(java.util.UUID.fromString("10000000-0000-4000-8000-000000000001")), "systemuserroles_association",
                List.of("roleid"), 1, java.util.Optional.empty()));

        assertThat(rows).extracting(r -> r.get("roleid")).containsExactly("a", "b");
        assertThat(server.requests()).extracting(Recorded::rawUri)
                .containsExactly(API_PATH + row + "/systemuserroles_association?$select=roleid", nextPath);
        assertThat(server.requests()).allSatisfy(r -> assertThat(r.header("Prefer")).contains("odata.maxpagesize=1"));
    }

    @Test
    void metadata_with_many_to_many_reads_the_n_to_n_relationships_once_and_names_each_sides_navigation_property() {
        server.respond(r -> {
            String uri = r.rawUri();
            if (uri.contains("/ManyToManyRelationships")) {
                return Reply.json(200, "{\"value\":[{\"SchemaName\":\"new_Account_Contact\",\"Entity1LogicalName\":\"account\","
                        + "\"Entity2LogicalName\":\"contact\",\"Entity1NavigationPropertyName\":\"new_account_contacts\","
                        + "\"Entity2NavigationPropertyName\":\"new_contact_accounts\",\"IntersectEntityName\":\"new_account_contact\"}]}");
            }
            if (uri.contains("/Attributes")) {
                return Reply.json(200, "{\"value\":[{\"LogicalName\":\"name\",\"AttributeType\":\"Memo\"}]}");
            }
            return Reply.json(200, "{\"LogicalName\":\"account\",\"EntitySetName\":\"accounts\",\"PrimaryIdAttribute\":\"accountid\"}");
        });
        DataverseClient client = client(FAST);

        assertThat(client.metadata("account").manyToMany()).as("not read without the option").isEmpty();
        EntityMetadata account = client.metadataWithManyToMany("account");
        client.metadataWithManyToMany("account");

        ManyToManyRelationship relationship = account.manyToMany("new_account_contact").orElseThrow();
        assertThat(relationship.navigationFrom("account", "contact")).contains("new_account_contacts");
        assertThat(relationship.navigationFrom("contact", "account")).contains("new_contact_accounts");
        assertThat(account.manyToMany("NEW_ACCOUNT_CONTACT")).as("CMT's lower-case name matches the SchemaName").isPresent();
        assertThat(server.requests()).extracting(Recorded::rawUri).filteredOn(uri -> uri.contains("Relationships")).containsExactly(API_PATH
                + "EntityDefinitions(LogicalName='account')/ManyToManyRelationships?$select=SchemaName,Entity1LogicalName,Entity2LogicalName,"
                + "Entity1NavigationPropertyName,Entity2NavigationPropertyName,IntersectEntityName");
    }

    @Test
    void every_call_carries_bearer_token_json_accept_and_odata_version_headers() {
        server.respond(r -> Reply.json(200, "{\"value\":[]}"));

        client(FAST).queryAll(DataverseQuery.of("accounts"));

        Recorded request = server.requests().get(0);
        assertThat(request.header("Authorization")).contains("Bearer token-1");
        assertThat(request.header("Accept")).contains("application/json");
        assertThat(request.header("OData-MaxVersion")).contains("4.0");
        assertThat(request.header("OData-Version")).contains("4.0");
    }

    @Test
    void pages_are_fetched_only_as_the_iterator_advances_and_max_rows_stops_paging() {
        server.respond(r -> Reply.json(200, "{\"value\":[{\"n\":1},{\"n\":2}],\"@odata.nextLink\":\""
                + server.origin() + API_PATH + "accounts?$skiptoken=x\"}"));

        Iterator<List<Map<String, Object>>> pages = client(FAST).queryPages(DataverseQuery.of("accounts").withMaxRows(3));
        assertThat(server.requests()).isEmpty();

        assertThat(pages.next()).hasSize(2);
        assertThat(pages.next()).hasSize(1);
        assertThat(pages.hasNext()).isFalse();
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(0).header("Prefer")).contains("odata.maxpagesize=3");
    }

    @Test
    void rows_mode_runs_across_page_boundaries_and_skips_empty_pages() {
        server.respond(r -> {
            if (r.rawUri().contains("skiptoken=2")) {
                return Reply.json(200, "{\"value\":[],\"@odata.nextLink\":\"" + server.origin() + API_PATH + "accounts?$skiptoken=3\"}");
            }
            if (r.rawUri().contains("skiptoken=3")) {
                return Reply.json(200, "{\"value\":[{\"n\":3}]}");
            }
            return Reply.json(200, "{\"value\":[{\"n\":1},{\"n\":2}],\"@odata.nextLink\":\"" + server.origin() + API_PATH
                    + "accounts?$skiptoken=2\"}");
        });

        Iterator<Map<String, Object>> rows = client(FAST).queryRows(DataverseQuery.of("accounts"));
        List<Object> seen = new java.util.ArrayList<>();
        rows.forEachRemaining(row -> seen.add(row.get("n")));

        assertThat(seen).containsExactly(1, 2, 3);
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void next_link_to_a_host_configuration_did_not_name_is_refused_before_sending_the_token() {
        server.respond(r -> Reply.json(200, "{\"value\":[{\"n\":1}],\"@odata.nextLink\":\"https://localhost:"
                + server.port() + API_PATH + "accounts?$skiptoken=x\"}"));

        Iterator<List<Map<String, Object>>> pages = client(FAST).queryPages(DataverseQuery.of("accounts"));

        assertThatThrownBy(pages::next).isInstanceOf(ForeignHostException.class)
                .hasMessageContaining("https://localhost:" + server.port())
                .hasMessageNotContaining("skiptoken");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void a_throttled_call_waits_the_full_retry_after_before_trying_again() {
        server.respondInTurn(FakeHttpsServer.replies(
                Reply.json(429, "{\"error\":{\"code\":\"0x80072322\",\"message\":\"Number of requests exceeded\"}}")
                        .withHeader("Retry-After", "1"),
                Reply.json(200, "{\"value\":[{\"n\":1}]}")));

        assertThat(client(FAST).queryAll(DataverseQuery.of("accounts"))).hasSize(1);

        List<Recorded> requests = server.requests();
        assertThat(requests).hasSize(2);
        long waitedNanos = requests.get(1).receivedNanos() - requests.get(0).receivedNanos();
        assertThat(Duration.ofNanos(waitedNanos)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retry_after_longer_than_the_cap_fails_at_once_saying_so() {
        server.respond(r -> Reply.json(429, "{\"error\":{\"code\":\"0x80072322\",\"message\":\"Number of requests exceeded\"}}")
                .withHeader("Retry-After", "600"));

        assertThatThrownBy(() -> client(FAST).queryAll(DataverseQuery.of("accounts")))
                .isInstanceOfSatisfying(DataverseException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.errorCode()).isEqualTo("0x80072322");
                    assertThat(e.isThrottled()).isTrue();
                })
                .hasMessageContaining("Retry-After 600 s, longer than maxRetryAfter 300 s");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void throttling_that_outlasts_max_throttle_retries_fails_saying_so() {
        server.respond(r -> Reply.json(429, "{\"error\":{\"code\":\"\",\"message\":\"slow down\"}}").withHeader("Retry-After", "0"));

        assertThatThrownBy(() -> client(FAST).queryAll(DataverseQuery.of("accounts")))
                .isInstanceOf(DataverseException.class)
                .hasMessageContaining("maxThrottleRetries is 3");
        assertThat(server.requests()).hasSize(4);
    }

    @Test
    void a_read_is_retried_after_503_until_it_succeeds() {
        server.respondInTurn(FakeHttpsServer.replies(Reply.status(503), Reply.status(502),
                Reply.json(200, "{\"accountid\":\"a\",\"name\":\"Contoso\"}")));

        Map<String, Object> row = client(FAST).get("accounts", EntityKey.of(UUID.randomUUID()), List.of(), Optional.empty());

        assertThat(row).containsEntry("name", "Contoso");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void a_read_is_retried_after_the_connection_drops() {
        server.respondInTurn(FakeHttpsServer.replies(Reply.drop(), Reply.json(200, "{\"value\":[{\"n\":1}]}")));

        assertThat(client(FAST).queryAll(DataverseQuery.of("accounts"))).hasSize(1);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void a_create_is_not_retried_after_503_because_it_could_create_the_row_twice() {
        server.respond(r -> Reply.json(503, "{\"error\":{\"code\":\"\",\"message\":\"Service unavailable\"}}"));

        assertThatThrownBy(() -> client(FAST).create("accounts", Map.of("name", "Contoso"), false))
                .isInstanceOfSatisfying(DataverseException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.operation()).isEqualTo("create");
                    assertThat(e.entitySet()).isEqualTo("accounts");
                })
                .hasMessageContaining("not idempotent");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void a_create_whose_connection_drops_is_not_retried_and_reports_no_response() {
        server.respond(r -> Reply.drop());

        assertThatThrownBy(() -> client(FAST).create("accounts", Map.of("name", "Contoso"), false))
                .isInstanceOfSatisfying(DataverseException.class, e -> assertThat(e.status()).isZero())
                .hasMessageContaining("no response");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void a_401_invalidates_the_cached_token_and_retries_once_with_a_fresh_one() {
        server.respondInTurn(FakeHttpsServer.replies(Reply.status(401), Reply.json(200, "{\"value\":[]}")));

        client(FAST).queryAll(DataverseQuery.of("accounts"));

        assertThat(tokens.invalidated()).containsExactly(environments.test().dataverseScope());
        assertThat(server.requests()).extracting(r -> r.header("Authorization").orElse(""))
                .containsExactly("Bearer token-1", "Bearer token-2");
    }

    @Test
    void a_second_401_is_reported_instead_of_retried_again() {
        server.respond(r -> Reply.status(401));

        assertThatThrownBy(() -> client(FAST).queryAll(DataverseQuery.of("accounts")))
                .isInstanceOfSatisfying(DataverseException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageNotContaining("token-");
        assertThat(server.requests()).hasSize(2);
        assertThat(tokens.invalidated()).hasSize(1);
    }

    @Test
    void create_reads_the_new_id_from_odata_entity_id() {
        UUID id = UUID.randomUUID();
        server.respond(r -> Reply.status(204).withHeader("OData-EntityId", server.origin() + API_PATH + "accounts(" + id + ")"));

        WriteResponse response = client(FAST).create("accounts", Map.of("name", "Contoso"), false);

        assertThat(response.entityId()).contains(id.toString());
        Recorded request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).contains("application/json");
        assertThat(request.body()).isEqualTo("{\"name\":\"Contoso\"}");
    }

    @Test
    void stale_etag_is_reported_as_conflict_with_the_dataverse_code_and_message() {
        server.respond(r -> Reply.json(412, "{\"error\":{\"code\":\"0x80060882\",\"message\":\"The version of the existing"
                + " record doesn't match the RowVersion property provided.\"}}"));
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> client(FAST).update("accounts", EntityKey.of(id), Map.of("name", "x"), "W/\"41\"", false))
                .isInstanceOfSatisfying(DataverseException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.errorCode()).isEqualTo("0x80060882");
                    assertThat(e.remoteMessage()).startsWith("The version of the existing record");
                    assertThat(e.responseBody()).contains("RowVersion");
                })
                .hasMessage("Dataverse update on accounts failed: HTTP 412 0x80060882 - The version of the existing record"
                        + " doesn't match the RowVersion property provided.");
        Recorded request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("PATCH");
        assertThat(request.rawPath()).isEqualTo(API_PATH + "accounts(" + id + ")");
        assertThat(request.header("If-Match")).contains("W/\"41\"");
    }

    @Test
    void create_only_upsert_by_alternate_key_sends_if_none_match_and_an_encoded_key() {
        server.respond(r -> Reply.status(204));

        client(FAST).upsert("accounts", EntityKey.from(Map.of("accountnumber", "O'Bryan 1")), Map.of("name", "x"), true, false);

        Recorded request = server.requests().get(0);
        assertThat(request.rawPath()).isEqualTo(API_PATH + "accounts(accountnumber='O''Bryan%201')");
        assertThat(request.header("If-None-Match")).contains("*");
        assertThat(request.header("If-Match")).isEmpty();
    }

    @Test
    void delete_of_a_missing_row_reports_404_with_the_code() {
        server.respond(r -> Reply.json(404, "{\"error\":{\"code\":\"0x80040217\",\"message\":\"account With Id = x Does Not Exist\"}}"));

        assertThatThrownBy(() -> client(FAST).delete("accounts", EntityKey.of(UUID.randomUUID()), Optional.empty()))
                .isInstanceOfSatisfying(DataverseException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo("0x80040217");
                });
        assertThat(server.requests().get(0).method()).isEqualTo("DELETE");
    }

    @Test
    void entity_set_names_that_would_rewrite_the_path_are_rejected() {
        assertThatThrownBy(() -> DataverseQuery.of("../accounts")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void metadata_is_read_once_per_environment_with_lengths_and_choices() {
        server.respond(r -> {
            String uri = r.rawUri();
            if (uri.contains("StringAttributeMetadata")) {
                return Reply.json(200, "{\"value\":[{\"LogicalName\":\"name\",\"MaxLength\":160}]}");
            }
            if (uri.contains("PicklistAttributeMetadata")) {
                return Reply.json(200, "{\"value\":[{\"LogicalName\":\"industrycode\",\"OptionSet\":{\"Options\":["
                        + "{\"Value\":1,\"Label\":{\"UserLocalizedLabel\":{\"Label\":\"Accounting\"}}}]}}]}");
            }
            if (uri.contains("/Attributes")) {
                return Reply.json(200, "{\"value\":["
                        + "{\"LogicalName\":\"name\",\"AttributeType\":\"String\",\"AttributeTypeName\":{\"Value\":\"StringType\"},"
                        + "\"RequiredLevel\":{\"Value\":\"ApplicationRequired\"},\"IsValidForCreate\":true,\"IsValidForUpdate\":true},"
                        + "{\"LogicalName\":\"industrycode\",\"AttributeType\":\"Picklist\",\"AttributeTypeName\":{\"Value\":\"PicklistType\"},"
                        + "\"RequiredLevel\":{\"Value\":\"None\"},\"IsValidForCreate\":true,\"IsValidForUpdate\":true}]}");
            }
            return Reply.json(200, "{\"LogicalName\":\"account\",\"EntitySetName\":\"accounts\",\"PrimaryIdAttribute\":\"accountid\","
                    + "\"PrimaryNameAttribute\":\"name\",\"ChangeTrackingEnabled\":true}");
        });
        DataverseClient client = client(FAST);

        EntityMetadata account = client.metadata("account");
        client.metadata("account");

        assertThat(account.entitySetName()).isEqualTo("accounts");
        assertThat(account.primaryIdAttribute()).isEqualTo("accountid");
        assertThat(account.changeTrackingEnabled()).isTrue();
        assertThat(account.attribute("name")).hasValueSatisfying(a -> {
            assertThat(a.maxLength()).hasValue(160);
            assertThat(a.requiredLevel()).isEqualTo("ApplicationRequired");
            assertThat(a.attributeTypeName()).isEqualTo("StringType");
        });
        assertThat(account.attribute("industrycode").orElseThrow().options()).containsExactly(new OptionMetadata(1, "Accounting"));
        assertThat(server.requests()).as("table, columns, string lengths, choices, keys; then the cache").hasSize(5);
        assertThat(server.requests().get(0).rawUri()).startsWith(API_PATH + "EntityDefinitions(LogicalName='account')?$select=");
    }

    @Test
    void metadata_reads_numeric_limits_lookup_targets_multi_select_options_and_alternate_keys_through_their_casts() {
        server.respond(r -> {
            String uri = r.rawUri();
            if (uri.contains("/Keys")) {
                return Reply.json(200, "{\"value\":[{\"LogicalName\":\"dvb_code_key\",\"KeyAttributes\":[\"dvb_code\"]}]}");
            }
            if (uri.contains("DecimalAttributeMetadata")) {
                return Reply.json(200, "{\"value\":[{\"LogicalName\":\"dvb_score\",\"MinValue\":-100,\"MaxValue\":100.5,\"Precision\":2}]}");
            }
            if (uri.contains("LookupAttributeMetadata")) {
                return Reply.json(200, "{\"value\":[{\"LogicalName\":\"dvb_contactid\",\"Targets\":[\"contact\"]}]}");
            }
            if (uri.contains("MultiSelectPicklistAttributeMetadata")) {
                return Reply.json(200, "{\"value\":[{\"LogicalName\":\"dvb_tags\",\"OptionSet\":{\"Options\":[{\"Value\":1,"
                        + "\"Label\":{\"UserLocalizedLabel\":{\"Label\":\"Gold\"}}}]}}]}");
            }
            if (uri.contains("/ManyToOneRelationships")) {
                return Reply.json(200, "{\"value\":[]}");
            }
            if (uri.contains("/Attributes")) {
                return Reply.json(200, "{\"value\":[{\"LogicalName\":\"dvb_score\",\"AttributeType\":\"Decimal\"},"
                        + "{\"LogicalName\":\"dvb_contactid\",\"AttributeType\":\"Lookup\"},"
                        + "{\"LogicalName\":\"dvb_tags\",\"AttributeType\":\"Virtual\"}]}");
            }
            return Reply.json(200, "{\"LogicalName\":\"dvb_item\",\"EntitySetName\":\"dvb_items\"}");
        });

        EntityMetadata item = client(FAST).metadata("dvb_item");

        AttributeMetadata score = item.attribute("dvb_score").orElseThrow();
        assertThat(score.minValue()).hasValue(-100);
        assertThat(score.maxValue()).hasValue(100.5);
        assertThat(score.precision()).hasValue(2);
        assertThat(item.attribute("dvb_contactid").orElseThrow().targets()).containsExactly("contact");
        assertThat(item.attribute("dvb_tags").orElseThrow().options()).containsExactly(new OptionMetadata(1, "Gold"));
        assertThat(item.keys()).containsExactly(new AlternateKey("dvb_code_key", List.of("dvb_code")));
        assertThat(server.requests()).extracting(Recorded::rawUri).anySatisfy(uri -> assertThat(uri).endsWith(
                "/Attributes/Microsoft.Dynamics.CRM.DecimalAttributeMetadata?$select=LogicalName,MinValue,MaxValue,Precision"));
    }

    @Test
    void metadata_names_each_lookups_navigation_property_from_the_many_to_one_relationships() {
        server.respond(r -> {
            String uri = r.rawUri();
            if (uri.contains("/ManyToOneRelationships")) {
                return Reply.json(200, "{\"value\":["
                        + relationship("msdyn_DataInsightsAndAnalyticsFeatureId", "msdyn_datainsightsandanalyticsfeatureid",
                        "msdyn_datainsightsandanalyticsfeature", "msdyn_DataInsightsAndAnalyticsFeatureId") + ","
                        + relationship("contact_customer_accounts", "parentcustomerid", "account", "parentcustomerid_account") + ","
                        + relationship("contact_customer_contacts", "parentcustomerid", "contact", "parentcustomerid_contact") + ","
                        + relationship("owner_contacts", "ownerid", "owner", "ownerid") + "]}");
            }
            if (uri.contains("/Attributes")) {
                return Reply.json(200, "{\"value\":["
                        + "{\"LogicalName\":\"msdyn_datainsightsandanalyticsfeatureid\",\"AttributeType\":\"Lookup\"},"
                        + "{\"LogicalName\":\"parentcustomerid\",\"AttributeType\":\"Customer\"},"
                        + "{\"LogicalName\":\"ownerid\",\"AttributeType\":\"Owner\"}]}");
            }
            return Reply.json(200, "{\"LogicalName\":\"contact\",\"EntitySetName\":\"contacts\",\"PrimaryIdAttribute\":\"contactid\"}");
        });

        EntityMetadata contact = client(FAST).metadata("contact");

        assertThat(contact.navigationProperty("msdyn_datainsightsandanalyticsfeatureid", "msdyn_datainsightsandanalyticsfeature"))
                .contains("msdyn_DataInsightsAndAnalyticsFeatureId");
        assertThat(contact.navigationProperty("parentcustomerid", "account")).contains("parentcustomerid_account");
        assertThat(contact.navigationProperty("parentcustomerid", "contact")).contains("parentcustomerid_contact");
        assertThat(contact.navigationProperty("parentcustomerid", "lead")).as("no relationship to that table").isEmpty();
        assertThat(contact.navigationProperty("ownerid", "team")).as("one navigation property for every owner").contains("ownerid");
        assertThat(contact.navigationProperty("createdby", "systemuser")).isEmpty();
        assertThat(server.requests()).extracting(Recorded::rawUri).anySatisfy(uri -> assertThat(uri).isEqualTo(API_PATH
                + "EntityDefinitions(LogicalName='contact')/ManyToOneRelationships?$select=ReferencingAttribute,ReferencedEntity,"
                + "ReferencingEntityNavigationPropertyName,ReferencedAttribute,SchemaName"));
    }

    @Test
    void metadata_of_a_table_without_lookups_does_not_ask_for_relationships() {
        server.respond(r -> r.rawUri().contains("/Attributes")
                ? Reply.json(200, "{\"value\":[{\"LogicalName\":\"qty\",\"AttributeType\":\"Integer\"}]}")
                : Reply.json(200, "{\"LogicalName\":\"dvb_item\",\"EntitySetName\":\"dvb_items\"}"));

        assertThat(client(FAST).metadata("dvb_item").lookups()).isEmpty();
        assertThat(server.requests()).extracting(Recorded::rawUri).noneMatch(uri -> uri.contains("Relationships"));
    }

    private static String relationship(String schemaName, String attribute, String target, String navigation) {
        return "{\"SchemaName\":\"" + schemaName + "\",\"ReferencingAttribute\":\"" + attribute + "\",\"ReferencedEntity\":\""
                + target + "\",\"ReferencedAttribute\":\"" + target + "id\",\"ReferencingEntityNavigationPropertyName\":\""
                + navigation + "\"}";
    }
}
