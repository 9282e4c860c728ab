package io.dvbridge.sandbox.acceptance;

import io.dvbridge.dataverse.DataverseClient;
import io.dvbridge.dataverse.DataverseException;
import io.dvbridge.dataverse.EntityKey;
import io.dvbridge.dataverse.WriteResponse;
import io.dvbridge.http.RetryPolicy;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.dataverse.StoredRow;
import io.dvbridge.sandbox.dataverse.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Single-row writes through DataverseClient over HTTPS: optimistic concurrency, update-only, upsert, create-only. */
class DataverseWritesOverHttpsTest {

    private static final UUID CONTOSO = UUID.fromString("0a000000-0000-4000-8000-000000000001");
    private static final UUID FABRIKAM = UUID.fromString("0a000000-0000-4000-8000-000000000002");
    private static final UUID TAILSPIN = UUID.fromString("0a000000-0000-4000-8000-000000000003");

    private static AcceptanceWorld world;
    private static DataverseClient client;

    @BeforeAll
    static void start() {
        world = AcceptanceWorld.start("""
                environments:
                  - name: contoso-dev
                    tenant: contoso
                    tables:
                      - logicalName: account
                        entitySetName: accounts
                        primaryName: name
                        keys: [[accountnumber]]
                        columns:
                          - {name: accountnumber, type: String, maxLength: 20}
                        rows:
                          - {accountid: %s, name: Contoso, accountnumber: AC-1}
                          - {accountid: %s, name: Fabrikam, accountnumber: AC-2}
                          - {accountid: %s, name: Tailspin, accountnumber: AC-3}
                """.formatted(CONTOSO, FABRIKAM, TAILSPIN), SandboxOptions.defaults());
        client = world.dataverse(RetryPolicy.DEFAULT);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static Table accounts() {
        return world.sandbox().environment("contoso-dev").data().table("account").orElseThrow();
    }

    private static Optional<StoredRow> stored(UUID id) {
        return accounts().row(id);
    }

    @Test
    void an_update_with_a_stale_etag_is_refused_with_412_and_the_row_keeps_the_newer_value() {
        String firstEtag = (String) client.get("accounts", EntityKey.of(CONTOSO), List.of("name"), Optional.empty()).get("@odata.etag");
        WriteResponse renamed = client.update("accounts", EntityKey.of(CONTOSO), Map.of("name", "Contoso Ltd"), firstEtag, false);
        assertThat(renamed.status()).isEqualTo(204);
        assertThat(renamed.etag()).isPresent().get().isNotEqualTo(firstEtag);

        DataverseException stale = catchThrowableOfType(DataverseException.class,
                () -> client.update("accounts", EntityKey.of(CONTOSO), Map.of("name", "Contoso (stale)"), firstEtag, false));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.errorCode()).isEqualTo("0x80060882");
        assertThat(stale.remoteMessage()).isEqualTo("The version of the existing record doesn't match the RowVersion property provided.");
        assertThat(stored(CONTOSO).orElseThrow().get("name")).isEqualTo("Contoso Ltd");
        assertThat(stored(CONTOSO).orElseThrow().etag()).isEqualTo(renamed.etag().get());
    }

    @Test
    void an_update_only_write_to_a_missing_row_is_404_with_the_not_found_code_and_creates_nothing() {
        UUID missing = UUID.fromString("0a000000-0000-4000-8000-0000000000ff");
        int before = accounts().size();

        DataverseException notFound = catchThrowableOfType(DataverseException.class,
                () -> client.update("accounts", EntityKey.of(missing), Map.of("name", "Ghost"), "*", false));

        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.errorCode()).isEqualTo("0x80040217");
        assertThat(notFound.remoteMessage()).isEqualTo("account With Id = " + missing + " Does Not Exist");
        assertThat(stored(missing)).isEmpty();
        assertThat(accounts().size()).isEqualTo(before);
    }

    @Test
    void a_patch_without_if_match_creates_the_missing_row_with_the_given_id() {
        UUID fresh = UUID.fromString("0a000000-0000-4000-8000-000000000010");

        WriteResponse created = client.upsert("accounts", EntityKey.of(fresh), Map.of("name", "Northwind", "accountnumber", "AC-10"),
                false, false);

        assertThat(created.status()).isEqualTo(204);
        assertThat(created.entityId()).hasValue(fresh.toString());
        StoredRow row = stored(fresh).orElseThrow();
        assertThat(row.get("name")).isEqualTo("Northwind");
        assertThat(row.get("accountnumber")).isEqualTo("AC-10");
    }

    @Test
    void a_patch_by_alternate_key_creates_then_updates_the_same_row() {
        EntityKey key = new EntityKey.Alternate(Map.of("accountnumber", "AC-77"));

        WriteResponse created = client.upsert("accounts", key, Map.of("name", "Litware"), false, false);
        WriteResponse updated = client.upsert("accounts", key, Map.of("name", "Litware Inc"), false, false);

        UUID id = UUID.fromString(created.entityId().orElseThrow());
        assertThat(updated.entityId()).hasValue(id.toString());
        assertThat(stored(id).orElseThrow().get("name")).isEqualTo("Litware Inc");
        assertThat(stored(id).orElseThrow().get("accountnumber")).isEqualTo("AC-77");
    }

    @Test
    void a_create_only_upsert_of_an_existing_row_is_412_and_leaves_it_alone() {
        StoredRow before = stored(FABRIKAM).orElseThrow();

        DataverseException exists = catchThrowableOfType(DataverseException.class,
                () -> client.upsert("accounts", EntityKey.of(FABRIKAM), Map.of("name", "Overwritten"), true, false));

        assertThat(exists.status()).isEqualTo(412);
        assertThat(exists.remoteMessage()).isEqualTo("A record with matching key values already exists.");
        assertThat(stored(FABRIKAM).orElseThrow()).isEqualTo(before);
    }

    @Test
    void a_write_with_return_representation_gives_back_the_row_and_its_new_etag() {
        WriteResponse response = client.update("accounts", EntityKey.of(TAILSPIN), Map.of("name", "Tailspin Toys"), "*", true);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.row()).isPresent();
        assertThat(response.row().get()).containsEntry("name", "Tailspin Toys");
        assertThat(response.etag()).hasValue(stored(TAILSPIN).orElseThrow().etag());
    }
}
