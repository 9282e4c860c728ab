package io.dvbridge.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.jobs.ExitCodes;
import io.dvbridge.jobs.InvalidRequestException;
import io.dvbridge.runs.RunNotFoundException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * The error answers of every trigger, declared once (routes/triggers.yaml maps exceptions here): a refused
 * request names the field and gives exit code 64; an unexpected failure answers a reference to the server's
 * log, never its message, a stack trace or a server path.
 */
public final class ApiAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(ApiAnswers.class);

    /** 400: the request cannot run; nothing started. */
    public String rejected(Exchange exchange) throws JsonProcessingException {
        InvalidRequestException invalid = caught(exchange, InvalidRequestException.class);
        ObjectNode error = JsonNodeFactory.instance.objectNode().put("error", invalid.getMessage());
        if (!invalid.field().isEmpty()) {
            error.put("field", invalid.field());
        }
        return answer(exchange, 400, ExitCodes.USAGE, error);
    }

    /** 404: no such run or report. */
    public String notFound(Exchange exchange) throws JsonProcessingException {
        RunNotFoundException missing = caught(exchange, RunNotFoundException.class);
        return answer(exchange, 404, null, JsonNodeFactory.instance.objectNode().put("error", missing.getMessage()));
    }

    /** 500: a failure of the API itself (a job's failure is in its report); the details go to the log only. */
    public String failed(Exchange exchange) throws JsonProcessingException {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reference = UUID.randomUUID().toString();
        LOG.error("Request failed (reference {}): {}", reference, failure == null ? "unknown" : failure.toString(), failure);
        return answer(exchange, 500, ExitCodes.FAILED, JsonNodeFactory.instance.objectNode()
                .put("error", "The request could not be completed; the server's log has the details under reference " + reference));
    }

    static String answer(Exchange exchange, int status, Integer exitCode, ObjectNode body) throws JsonProcessingException {
        exchange.setProperty(JobRequests.HTTP_STATUS, status);
        if (exitCode != null) {
            exchange.setProperty(JobRequests.EXIT_CODE, exitCode);
            body.put("exitCode", exitCode);
        }
        return JobRequests.json(body);
    }

    static <T extends Throwable> T caught(Exchange exchange, Class<T> type) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable t = caught; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new IllegalStateException("Expected a " + type.getSimpleName() + " but caught " + caught);
    }
}
