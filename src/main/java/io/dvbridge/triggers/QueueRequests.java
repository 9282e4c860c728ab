package io.dvbridge.triggers;

import io.dvbridge.jobs.InvalidRequestException;
import org.apache.camel.Exchange;

/** What the queue route needs of a message before its job: the request id that makes a re-sent request run once. */
public final class QueueRequests {

    /** The longest id the idempotency table holds. */
    static final int MAX_ID = 100;

    /**
     * The AMQP message id (the publisher's {@code message_id} property), else a {@code request-id} header. A message
     * with neither cannot be told apart from its own redelivery, so it is refused.
     */
    public String requestId(Exchange exchange) {
        String id = exchange.getMessage().getHeader("CamelSpringRabbitmqMessageId", String.class);
        if (id == null || id.isBlank()) {
            id = exchange.getMessage().getHeader("request-id", String.class);
        }
        if (id == null || id.isBlank()) {
            throw new InvalidRequestException("request-id", "The message has no request id: set the AMQP message_id property"
                    + " (or a request-id header) so that a redelivered or re-sent request runs once");
        }
        if (id.length() > MAX_ID) {
            throw new InvalidRequestException("request-id", "The request id is longer than " + MAX_ID + " characters");
        }
        return id.strip();
    }
}
