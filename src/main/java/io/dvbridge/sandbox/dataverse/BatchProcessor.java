package io.dvbridge.sandbox.dataverse;

import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * {@code POST $batch}: runs the parts in order; a changeset is atomic (a failing part rolls the
 * whole changeset back and only its error is answered); without {@code odata.continue-on-error}
 * processing stops at the first failure.
 */
final class BatchProcessor {

    static final int MAX_REQUESTS = 1000;
    private final WebApi api;
    private final String pathPrefix;

    /** @param pathPrefix the path of the API root, e.g. {@code /orgs/contoso-dev/api/data/v9.2/} */
    BatchProcessor(WebApi api, String pathPrefix) {
        this.api = api;
        this.pathPrefix = pathPrefix;
    }

    SandboxResponse process(SandboxRequest request) {
        if (!request.method().equals("POST")) {
            throw new DataverseError(405, DataverseError.RESOURCE_NOT_FOUND, "$batch accepts POST only.");
        }
        String boundary = Multipart.boundary(request.header("Content-Type").orElse(""))
                .orElseThrow(() -> DataverseError.badRequest("A $batch request needs Content-Type: multipart/mixed; boundary=..."));
        List<Multipart.Part> parts = Multipart.parse(request.bodyAsString(), boundary);
        int count = 0;
        for (Multipart.Part part : parts) {
            count += Multipart.boundary(part.header("Content-Type").orElse("")).map(b -> Multipart.parse(part.content(), b).size()).orElse(1);
        }
        if (count > MAX_REQUESTS) {
            throw DataverseError.badRequest("The number of requests in the batch (" + count + ") exceeds the limit of " + MAX_REQUESTS + ".");
        }
        boolean continueOnError = Prefer.of(request).continueOnError();
        String responseBoundary = "batchresponse_" + UUID.randomUUID();
        StringBuilder out = new StringBuilder();
        boolean stopped = false;
        for (Multipart.Part part : parts) {
            var changeset = Multipart.boundary(part.header("Content-Type").orElse(""));
            boolean failed;
            out.append("--").append(responseBoundary).append("\r\n");
            if (changeset.isPresent()) {
                failed = changeset(Multipart.parse(part.content(), changeset.get()), out);
            } else {
                // A write outside a changeset still runs under the writer lock, like a write sent on its own.
                SandboxResponse response = api.data().atomically(journal -> single(part, journal, UnaryOperator.identity(), false));
                appendHttp(out, response, null);
                failed = response.status() >= 400;
            }
            if (failed && !continueOnError) {
                stopped = true;
                break;
            }
        }
        out.append("--").append(responseBoundary).append("--\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "multipart/mixed; boundary=" + responseBoundary);
        headers.put("OData-Version", "4.0");
        if (continueOnError) {
            headers.put("Preference-Applied", "odata.continue-on-error");
        }
        return SandboxResponse.of(stopped ? 400 : 200, headers, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Runs a changeset atomically; returns true when it failed (and was rolled back). */
    private boolean changeset(List<Multipart.Part> parts, StringBuilder out) {
        Map<String, String> references = new HashMap<>();
        UnaryOperator<String> resolve = target -> {
            if (target.startsWith("$")) {
                int end = target.indexOf('/');
                String id = end < 0 ? target.substring(1) : target.substring(1, end);
                String entity = references.get(id);
                if (entity == null) {
                    throw DataverseError.badRequest("The Content-ID reference '$" + id + "' does not name an earlier request of this changeset.");
                }
                return entity + (end < 0 ? "" : target.substring(end));
            }
            return target;
        };
        List<String[]> answered = new ArrayList<>();
        try {
            api.data().atomically(journal -> {
                for (Multipart.Part part : parts) {
                    String contentId = part.header("Content-ID").orElseThrow(() -> new ChangesetFailure(null,
                            DataverseError.badRequest("Content-ID header not present in a changeset part.").toResponse()));
                    SandboxResponse response = single(part, journal, resolve, true);
                    if (response.status() >= 400) {
                        throw new ChangesetFailure(contentId, response);
                    }
                    String entityId = response.headers().get("OData-EntityId");
                    if (entityId != null) {
                        references.put(contentId, entityId.substring(api.apiBase().length()));
                    }
                    StringBuilder one = new StringBuilder();
                    appendHttp(one, response, contentId);
                    answered.add(new String[]{one.toString()});
                }
                return null;
            });
        } catch (ChangesetFailure failure) {
            appendHttp(out, failure.response, failure.contentId);
            return true;
        } catch (DataverseError e) {
            appendHttp(out, e.toResponse(), null);
            return true;
        }
        String changesetBoundary = "changesetresponse_" + UUID.randomUUID();
        out.append("Content-Type: multipart/mixed; boundary=").append(changesetBoundary).append("\r\n\r\n");
        for (String[] one : answered) {
            out.append("--").append(changesetBoundary).append("\r\n").append(one[0]);
        }
        out.append("--").append(changesetBoundary).append("--\r\n");
        return false;
    }

    private SandboxResponse single(Multipart.Part part, EnvironmentData.Journal journal, UnaryOperator<String> resolve,
                                   boolean inChangeset) {
        try {
            Multipart.EmbeddedRequest embedded = Multipart.request(part.content());
            if (inChangeset && embedded.method().equalsIgnoreCase("GET")) {
                throw DataverseError.badRequest("A GET request cannot be part of a changeset.");
            }
            String target = resolve.apply(embedded.target());
            String relative = relative(target);
            String query = "";
            int q = relative.indexOf('?');
            if (q >= 0) {
                query = relative.substring(q + 1);
                relative = relative.substring(0, q);
            }
            SandboxRequest inner = new SandboxRequest(embedded.method(), pathPrefix + relative, query, embedded.headers(),
                    embedded.body().getBytes(StandardCharsets.UTF_8));
            return api.handle(inner, relative, journal, resolve);
        } catch (DataverseError e) {
            return e.toResponse();
        }
    }

    /** The part of a batch request URL after the API root: absolute, root-relative or relative URLs. */
    private String relative(String target) {
        String t = target;
        if (t.startsWith("https://") || t.startsWith("http://")) {
            if (!t.startsWith(api.apiBase())) {
                throw DataverseError.badRequest("The batch request URL '" + target + "' is not in this environment.");
            }
            return t.substring(api.apiBase().length());
        }
        int api = t.indexOf("/api/data/v9.");
        if (api >= 0) {
            int slash = t.indexOf('/', api + "/api/data/v9.".length());
            return slash < 0 ? "" : t.substring(slash + 1);
        }
        return t.startsWith("/") ? t.substring(1) : t;
    }

    private static void appendHttp(StringBuilder out, SandboxResponse response, String contentId) {
        out.append("Content-Type: application/http\r\n");
        out.append("Content-Transfer-Encoding: binary\r\n");
        if (contentId != null) {
            out.append("Content-ID: ").append(contentId).append("\r\n");
        }
        out.append("\r\n");
        out.append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status())).append("\r\n");
        response.headers().forEach((k, v) -> out.append(k).append(": ").append(v).append("\r\n"));
        out.append("\r\n");
        if (response.body().length > 0) {
            out.append(response.bodyAsString()).append("\r\n");
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 412 -> "Precondition Failed";
            case 429 -> "Too Many Requests";
            default -> status >= 500 ? "Internal Server Error" : "Status";
        };
    }

    /** Unwinds a changeset so the environment rolls back its writes. */
    private static final class ChangesetFailure extends RuntimeException {
        final String contentId;
        final SandboxResponse response;

        ChangesetFailure(String contentId, SandboxResponse response) {
            super(null, null, false, false);
            this.contentId = contentId;
            this.response = response;
        }
    }
}
