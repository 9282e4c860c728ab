package io.dvbridge.dataverse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a $batch response into one {@link DataverseWriteResult} per write, in the order of the writes.
 * <p>
 * When an atomic changeset fails, Dataverse does not answer with a changeset response: the batch holds
 * just the failing request's error. That write is reported FAILED (found by its Content-ID) and every
 * other write of the changeset ROLLED_BACK, because none of them was committed.
 */
final class BatchResponseReader {

    private static final Pattern PARENTHESIZED_KEY = Pattern.compile("\\(([^()]*)\\)\\s*$");

    private BatchResponseReader() {
    }

    /**
     * @param writes     the writes as sent, each with its Content-ID
     * @param firstIndex index of {@code writes.get(0)} in the caller's whole list (batches of 1,000)
     */
    static List<DataverseWriteResult> read(List<DataverseWrite> writes, boolean atomic, String batchBoundary,
                                           String body, int firstIndex) {
        List<Answer> answers = answers(Multipart.parts(body, batchBoundary));
        return atomic ? readAtomic(writes, answers, firstIndex) : readIndividual(writes, answers, firstIndex);
    }

    /** One embedded HTTP response and whether it came inside a changeset response. */
    private record Answer(Optional<String> contentId, Multipart.HttpMessage response, boolean inChangeset) {
    }

    private static List<Answer> answers(List<Multipart.Part> parts) {
        List<Answer> answers = new ArrayList<>();
        for (Multipart.Part part : parts) {
            Optional<String> nested = part.nestedBoundary();
            if (nested.isPresent()) {
                for (Multipart.Part inner : Multipart.parts(part.content(), nested.get())) {
                    answers.add(new Answer(inner.header("Content-ID"), Multipart.httpMessage(inner.content()), true));
                }
            } else {
                answers.add(new Answer(part.header("Content-ID"), Multipart.httpMessage(part.content()), false));
            }
        }
        return answers;
    }

    private static List<DataverseWriteResult> readAtomic(List<DataverseWrite> writes, List<Answer> answers, int firstIndex) {
        boolean changesetAnswered = answers.stream().anyMatch(Answer::inChangeset);
        if (changesetAnswered) {
            // The changeset committed: every write has its own answer, matched like individual parts.
            return readIndividual(writes, answers, firstIndex);
        }
        // The changeset failed as a whole: the lone answer is the failing request's error.
        Optional<Answer> failure = answers.stream().filter(a -> a.response().status() >= 400).findFirst();
        String failingId = failure.flatMap(Answer::contentId).orElse("");
        DataverseJson.ErrorBody error = failure.map(a -> DataverseJson.error(a.response().body()))
                .orElse(new DataverseJson.ErrorBody("", "no answer for the changeset"));
        List<DataverseWriteResult> results = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            String contentId = writes.get(i).contentId().orElseThrow();
            if (failure.isPresent() && contentId.equals(failingId)) {
                results.add(fromResponse(firstIndex + i, contentId, failure.get().response()));
            } else {
                String because = failingId.isEmpty()
                        ? "rolled back: the changeset failed (" + describe(error) + ")"
                        : "rolled back: write " + failingId + " of the same changeset failed (" + describe(error) + ")";
                results.add(new DataverseWriteResult(firstIndex + i, contentId, WriteStatus.ROLLED_BACK, 0,
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(because)));
            }
        }
        return results;
    }

    private static List<DataverseWriteResult> readIndividual(List<DataverseWrite> writes, List<Answer> answers, int firstIndex) {
        // Top-level parts are answered in request order; Content-ID is used when the service echoes one.
        Map<String, Answer> byContentId = byContentId(answers);
        List<DataverseWriteResult> results = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            String contentId = writes.get(i).contentId().orElseThrow();
            Answer answer = byContentId.get(contentId);
            if (answer == null && i < answers.size() && answers.get(i).contentId().isEmpty()) {
                answer = answers.get(i);
            }
            results.add(answer == null
                    ? notExecuted(firstIndex + i, contentId)
                    : fromResponse(firstIndex + i, contentId, answer.response()));
        }
        return results;
    }

    private static Map<String, Answer> byContentId(List<Answer> answers) {
        Map<String, Answer> map = new HashMap<>();
        answers.forEach(a -> a.contentId().ifPresent(id -> map.putIfAbsent(id, a)));
        return map;
    }

    private static DataverseWriteResult fromResponse(int index, String contentId, Multipart.HttpMessage response) {
        int status = response.status();
        Optional<String> entityId = response.header("OData-EntityId").flatMap(BatchResponseReader::keyOf);
        Optional<String> etag = response.header("ETag").or(() -> etagInBody(response.body()));
        if (status >= 200 && status < 300) {
            return new DataverseWriteResult(index, contentId, WriteStatus.SUCCEEDED, status, entityId, etag,
                    Optional.empty(), Optional.empty());
        }
        DataverseJson.ErrorBody error = DataverseJson.error(response.body());
        return new DataverseWriteResult(index, contentId, WriteStatus.FAILED, status, entityId, Optional.empty(),
                Optional.of(error.code()), Optional.of(error.message().isEmpty() ? response.startLine() : error.message()));
    }

    private static DataverseWriteResult notExecuted(int index, String contentId) {
        return new DataverseWriteResult(index, contentId, WriteStatus.NOT_EXECUTED, 0, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("not executed: the batch response has no answer for this write"));
    }

    /** The text inside the last parentheses of an OData-EntityId URL: the GUID, or the alternate key. */
    static Optional<String> keyOf(String entityIdUrl) {
        Matcher m = PARENTHESIZED_KEY.matcher(entityIdUrl.trim());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> etagInBody(String body) {
        if (body.isBlank() || !body.trim().startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(DataverseJson.MAPPER.readTree(body).path("@odata.etag"))
                    .filter(node -> node.isTextual()).map(node -> node.asText());
        } catch (java.io.IOException notJson) {
            return Optional.empty();
        }
    }

    private static String describe(DataverseJson.ErrorBody error) {
        String text = (error.code() + " " + error.message()).trim();
        return text.isEmpty() ? "no error details" : text;
    }
}
