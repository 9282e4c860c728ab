package io.dvbridge.dataverse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * A {@code $batch} request body (multipart/mixed, CRLF line endings). Atomic: all writes in one
 * changeset, so they commit or roll back together. Not atomic: each write is its own top-level part,
 * sent with {@code Prefer: odata.continue-on-error} so one bad row does not stop the rest.
 *
 * @param boundary    {@code batch_<uuid>}
 * @param contentType the value for the request's Content-Type header
 * @param text        the body
 */
public record BatchRequestBody(String boundary, String contentType, String text) {

    static final String CRLF = "\r\n";

    /**
     * @param apiBase the environment's {@code .../api/data/v9.2/}; request lines carry full URLs under it
     * @param writes  writes that already carry their Content-ID
     */
    public static BatchRequestBody build(URI apiBase, List<DataverseWrite> writes, boolean atomic) {
        String boundary = "batch_" + UUID.randomUUID();
        StringBuilder out = new StringBuilder(256 * writes.size() + 256);
        if (atomic) {
            String changeset = "changeset_" + UUID.randomUUID();
            out.append("--").append(boundary).append(CRLF)
                    .append("Content-Type: multipart/mixed; boundary=").append(changeset).append(CRLF)
                    .append(CRLF);
            for (DataverseWrite write : writes) {
                out.append("--").append(changeset).append(CRLF);
                appendPart(out, apiBase, write, true);
            }
            out.append("--").append(changeset).append("--").append(CRLF);
        } else {
            for (DataverseWrite write : writes) {
                out.append("--").append(boundary).append(CRLF);
                appendPart(out, apiBase, write, false);
            }
        }
        out.append("--").append(boundary).append("--").append(CRLF);
        return new BatchRequestBody(boundary, "multipart/mixed; boundary=\"" + boundary + "\"", out.toString());
    }

    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** An association names its target by URL: absolute, under the API base. */
    private static java.util.Map<String, Object> body(URI apiBase, DataverseWrite write) {
        return write.reference().isPresent() ? java.util.Map.of("@odata.id", apiBase + String.valueOf(write.body().get("@odata.id")))
                : write.body();
    }

    private static void appendPart(StringBuilder out, URI apiBase, DataverseWrite write, boolean inChangeset) {
        out.append("Content-Type: application/http").append(CRLF)
                .append("Content-Transfer-Encoding: binary").append(CRLF);
        // Content-ID is what the OData spec requires inside a changeset; outside one, answers come back in order.
        if (inChangeset) {
            out.append("Content-ID: ").append(write.contentId().orElseThrow()).append(CRLF);
        }
        out.append(CRLF);
        DataverseClient.requireName(write.entitySet(), "entity set");
        out.append(write.method()).append(' ').append(apiBase).append(write.path())
                .append(" HTTP/1.1").append(CRLF);
        write.ifMatch().ifPresent(etag -> out.append("If-Match: ").append(etag).append(CRLF));
        write.headers().forEach((name, value) -> out.append(name).append(": ").append(value).append(CRLF));
        if (write.method().equals("DELETE")) {
            out.append(CRLF);
        } else {
            out.append("Content-Type: application/json").append(CRLF)
                    .append(CRLF)
                    .append(new String(DataverseJson.write(body(apiBase, write)), StandardCharsets.UTF_8)).append(CRLF);
        }
    }
}
