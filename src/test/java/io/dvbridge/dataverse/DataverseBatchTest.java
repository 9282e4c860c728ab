package io.dvbridge.dataverse;

import io.dvbridge.http.FakeEnvironments;
import io.dvbridge.http.FakeHttpsServer;
import io.dvbridge.http.FakeHttpsServer.Recorded;
import io.dvbridge.http.FakeHttpsServer.Reply;
import io.dvbridge.http.RecordingTokenSource;
import io.dvbridge.http.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.dvbridge.http.FakeEnvironments.API_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataverseBatchTest {

    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), 3,
            Duration.ofSeconds(300), Duration.ofSeconds(20));
    private static final URI API = URI.create("https://org.example.com/api/data/v9.2/");
    private static final UUID ID1 = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID ID2 = UUID.fromString("22222222-2222-2222-2222-222222222222");

    private final FakeHttpsServer server = new FakeHttpsServer();
    private final FakeEnvironments environments = new FakeEnvironments(server, new RecordingTokenSource());

    @AfterEach
    void stop() {
        server.close();
    }

    private DataverseClient client() {
        return DataverseClient.connect(environments.test(), FAST);
    }

    private static List<DataverseWrite> threeWrites() {
        return List.of(
                DataverseWrite.create("accounts", Map.of("name", "New")).withContentId("1"),
                DataverseWrite.update("accounts", EntityKey.of(ID1), Map.of("name", "Changed"), "W/\"7\"").withContentId("2"),
                DataverseWrite.delete("contacts", EntityKey.of(ID2)).withContentId("3"));
    }

    @Test
    void an_atomic_batch_is_one_changeset_of_application_http_parts_with_crlf_line_endings() {
        BatchRequestBody body = BatchRequestBody.build(API, threeWrites(), true);
        String text = body.text();

        assertThat(body.boundary()).matches("batch_[0-9a-f-]{36}");
        assertThat(body.contentType()).isEqualTo("multipart/mixed; boundary=\"" + body.boundary() + "\"");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(text).startsWith("--" + body.boundary() + "\r\n").endsWith("--" + body.boundary() + "--\r\n");

        List<Multipart.Part> outer = Multipart.parts(text, body.boundary());
        assertThat(outer).hasSize(1);
        String changeset = outer.get(0).nestedBoundary().orElseThrow();
        assertThat(changeset).matches("changeset_[0-9a-f-]{36}");
        List<Multipart.Part> parts = Multipart.parts(outer.get(0).content(), changeset);
        assertThat(parts).hasSize(3);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.header("Content-Type")).contains("application/http");
            assertThat(p.header("Content-Transfer-Encoding")).contains("binary");
        });
        assertThat(parts).extracting(p -> p.header("Content-ID").orElse("")).containsExactly("1", "2", "3");

        Multipart.HttpMessage create = Multipart.httpMessage(parts.get(0).content());
        assertThat(create.startLine()).isEqualTo("POST https://org.example.com/api/data/v9.2/accounts HTTP/1.1");
        assertThat(create.header("Content-Type")).contains("application/json");
        assertThat(create.body()).isEqualTo("{\"name\":\"New\"}");

        Multipart.HttpMessage update = Multipart.httpMessage(parts.get(1).content());
        assertThat(update.startLine()).isEqualTo("PATCH https://org.example.com/api/data/v9.2/accounts(" + ID1 + ") HTTP/1.1");
        assertThat(update.header("If-Match")).contains("W/\"7\"");

        Multipart.HttpMessage delete = Multipart.httpMessage(parts.get(2).content());
        assertThat(delete.startLine()).isEqualTo("DELETE https://org.example.com/api/data/v9.2/contacts(" + ID2 + ") HTTP/1.1");
        assertThat(delete.body()).isEmpty();
    }

    @Test
    void a_non_atomic_batch_sends_each_write_as_its_own_part_and_asks_to_continue_on_error() {
        server.respond(r -> individualAnswers(r, List.of(204, 204, 204)));

        client().batch(threeWrites(), false, 1000);

        Recorded request = server.requests().get(0);
        assertThat(request.rawPath()).isEqualTo(API_PATH + "$batch");
        assertThat(request.header("Prefer")).contains("odata.continue-on-error");
        String boundary = Multipart.boundaryOf(request.header("Content-Type").orElseThrow()).orElseThrow();
        List<Multipart.Part> parts = Multipart.parts(request.body(), boundary);
        assertThat(parts).hasSize(3).allSatisfy(p -> {
            assertThat(p.nestedBoundary()).isEmpty();
            assertThat(p.header("Content-Type")).contains("application/http");
        });
        assertThat(Multipart.httpMessage(parts.get(0).content()).startLine())
                .isEqualTo("POST " + server.origin() + API_PATH + "accounts HTTP/1.1");
    }

    @Test
    void a_committed_changeset_gives_each_write_its_status_and_new_id() {
        UUID created = UUID.randomUUID();
        server.respond(r -> multipart("batchresponse_a", "--batchresponse_a\r\n"
                + "Content-Type: multipart/mixed; boundary=changesetresponse_b\r\n\r\n"
                + "--changesetresponse_b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\nOData-Version: 4.0\r\nOData-EntityId: " + server.origin() + API_PATH + "accounts(" + created + ")\r\n\r\n\r\n"
                + "--changesetresponse_b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\nETag: W/\"8\"\r\n\r\n\r\n"
                + "--changesetresponse_b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 3\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n\r\n"
                + "--changesetresponse_b--\r\n--batchresponse_a--\r\n"));

        List<DataverseWriteResult> results = client().batch(threeWrites(), true, 1000);

        assertThat(results).extracting(DataverseWriteResult::outcome).containsOnly(WriteStatus.SUCCEEDED);
        assertThat(results.get(0).entityId()).contains(created.toString());
        assertThat(results.get(1).etag()).contains("W/\"8\"");
        assertThat(results).extracting(DataverseWriteResult::index).containsExactly(0, 1, 2);
    }

    @Test
    void a_failed_atomic_changeset_marks_the_failing_write_failed_and_the_others_rolled_back() {
        server.respond(r -> multipart("batchresponse_c", "--batchresponse_c\r\n"
                + "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\n"
                + "HTTP/1.1 412 Precondition Failed\r\nContent-Type: application/json; odata.metadata=minimal\r\n\r\n"
                + "{\"error\":{\"code\":\"0x80060882\",\"message\":\"The version of the existing record doesn't match the RowVersion property provided.\"}}\r\n"
                + "--batchresponse_c--\r\n").withStatus(400));

        List<DataverseWriteResult> results = client().batch(threeWrites(), true, 1000);

        assertThat(results).extracting(DataverseWriteResult::outcome)
                .containsExactly(WriteStatus.ROLLED_BACK, WriteStatus.FAILED, WriteStatus.ROLLED_BACK);
        DataverseWriteResult failed = results.get(1);
        assertThat(failed.status()).isEqualTo(412);
        assertThat(failed.errorCode()).contains("0x80060882");
        assertThat(failed.errorMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("The version of the existing record"));
        assertThat(results.get(0).errorMessage()).hasValueSatisfying(m -> assertThat(m).contains("write 2").contains("0x80060882"));
    }

    @Test
    void continue_on_error_reports_each_write_on_its_own() {
        server.respond(r -> individualAnswers(r, List.of(204, 404, 204)));

        List<DataverseWriteResult> results = client().batch(threeWrites(), false, 1000);

        assertThat(results).extracting(DataverseWriteResult::outcome)
                .containsExactly(WriteStatus.SUCCEEDED, WriteStatus.FAILED, WriteStatus.SUCCEEDED);
        assertThat(results.get(1).status()).isEqualTo(404);
        assertThat(results.get(1).errorCode()).contains("0x80040217");
    }

    @Test
    void writes_the_response_stops_before_are_reported_not_executed() {
        server.respond(r -> individualAnswers(r, List.of(204, 400)));

        List<DataverseWriteResult> results = client().batch(threeWrites(), false, 1000);

        assertThat(results).extracting(DataverseWriteResult::outcome)
                .containsExactly(WriteStatus.SUCCEEDED, WriteStatus.FAILED, WriteStatus.NOT_EXECUTED);
    }

    @Test
    void more_than_a_thousand_writes_go_in_several_batches_when_not_atomic() {
        server.respond(r -> {
            String boundary = Multipart.boundaryOf(r.header("Content-Type").orElseThrow()).orElseThrow();
            int parts = Multipart.parts(r.body(), boundary).size();
            return individualAnswers(r, IntStream.range(0, parts).mapToObj(i -> 204).collect(Collectors.toList()));
        });
        List<DataverseWrite> writes = IntStream.range(0, 2500)
                .mapToObj(i -> DataverseWrite.upsert("accounts", EntityKey.of(UUID.randomUUID()), Map.of("n", i)))
                .collect(Collectors.toList());

        List<DataverseWriteResult> results = client().batch(writes, false, 1000);

        assertThat(results).hasSize(2500).allMatch(DataverseWriteResult::succeeded);
        assertThat(results.get(2499).index()).isEqualTo(2499);
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void an_atomic_batch_of_more_than_a_thousand_writes_is_refused_before_anything_is_sent() {
        List<DataverseWrite> writes = IntStream.range(0, 1001)
                .mapToObj(i -> DataverseWrite.create("accounts", Map.of("n", i))).collect(Collectors.toList());

        assertThatThrownBy(() -> client().batch(writes, true, 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1000").hasMessageContaining("1001");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void a_batch_of_only_patch_and_delete_is_retried_after_503_but_one_with_a_create_is_not() {
        List<DataverseWrite> idempotent = List.of(
                DataverseWrite.upsert("accounts", EntityKey.of(ID1), Map.of("name", "x")),
                DataverseWrite.delete("accounts", EntityKey.of(ID2)));
        server.respond(r -> server.requests().size() == 1 ? Reply.status(503) : individualAnswers(r, List.of(204, 204)));

        assertThat(client().batch(idempotent, false, 1000)).allMatch(DataverseWriteResult::succeeded);
        assertThat(server.requests()).hasSize(2);

        server.respond(r -> Reply.status(503));
        assertThatThrownBy(() -> client().batch(threeWrites(), true, 1000))
                .isInstanceOfSatisfying(DataverseException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void duplicate_content_ids_are_refused() {
        List<DataverseWrite> writes = List.of(DataverseWrite.create("accounts", Map.of()).withContentId("a"),
                DataverseWrite.create("accounts", Map.of()).withContentId("a"));
        assertThatThrownBy(() -> client().batch(writes, true, 1000)).hasMessageContaining("Content-ID a");
    }

    /** Answers each top-level part of the request in order with the given statuses (404/400 with an error body). */
    private static Reply individualAnswers(Recorded request, List<Integer> statuses) {
        StringBuilder body = new StringBuilder();
        for (int status : statuses) {
            body.append("--batchresponse_z\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            if (status < 300) {
                body.append("HTTP/1.1 ").append(status).append(" No Content\r\n\r\n\r\n");
            } else {
                body.append("HTTP/1.1 ").append(status).append(" Error\r\nContent-Type: application/json\r\n\r\n")
                        .append("{\"error\":{\"code\":\"0x80040217\",\"message\":\"Does Not Exist\"}}\r\n");
            }
        }
        body.append("--batchresponse_z--\r\n");
        return multipart("batchresponse_z", body.toString());
    }

    private static Reply multipart(String boundary, String body) {
        return new Reply(200, Map.of("Content-Type", "multipart/mixed; boundary=" + boundary), body, false);
    }
}
