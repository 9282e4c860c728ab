package io.dvbridge.cmt;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The per-record results file: JSON Lines (one JSON object per line, UTF-8), so it can be streamed,
 * appended to, grepped and loaded by any tool. Each line:
 * <pre>
 * {"entity":"account","recordId":"…","targetId":"…","outcome":"CREATED","message":"created"}
 * </pre>
 * {@code targetId} is {@code null} when the record has no id in the target (e.g. a failed create).
 * {@code outcome} is one of CREATED, UPDATED, UNCHANGED, FAILED. A many-to-many association has a line of
 * the same shape (see {@link ImportAssociations}): {@code entity} is the relationship's name, {@code recordId}
 * and {@code targetId} the pair of rows, {@code <source id>/<target id>}.
 */
public final class ResultsFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    // A line is written into the caller's buffered writer; the caller flushes (once per chunk), not each line.
    private static final com.fasterxml.jackson.core.JsonFactory LINES = com.fasterxml.jackson.core.JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.FLUSH_PASSED_TO_STREAM).build();

    private ResultsFile() {
    }

    /** Writes one line per result; flushes, does not close {@code out}. */
    public static void write(Writer out, Iterable<RecordResult> results) throws IOException {
        for (RecordResult result : results) {
            append(out, result);
        }
        out.flush();
    }

    /** Writes one result as one line. */
    public static void append(Writer out, RecordResult result) throws IOException {
        try (JsonGenerator json = LINES.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("entity", result.entity());
            json.writeStringField("recordId", result.recordId());
            if (result.targetId().isPresent()) {
                json.writeStringField("targetId", result.targetId().get());
            } else {
                json.writeNullField("targetId");
            }
            json.writeStringField("outcome", result.outcome().name());
            json.writeStringField("message", result.message());
            json.writeEndObject();
        }
        out.write('\n');
    }

    /** Reads a results file back (blank lines are skipped). */
    public static List<RecordResult> read(Reader in) throws IOException {
        List<RecordResult> results = new ArrayList<>();
        BufferedReader lines = new BufferedReader(in);
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            try {
                JsonNode target = node.path("targetId");
                results.add(new RecordResult(node.path("entity").asText(), node.path("recordId").asText(),
                        target.isTextual() ? Optional.of(target.asText()) : Optional.empty(),
                        Outcome.valueOf(node.path("outcome").asText()), node.path("message").asText()));
            } catch (IllegalArgumentException e) {
                throw new IOException("results line " + number + ": unknown outcome '" + node.path("outcome").asText() + "'", e);
            }
        }
        return results;
    }
}
