package io.dvbridge.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.dvbridge.push.JsonLinesRowSource;
import io.dvbridge.push.PushSetupException;
import io.dvbridge.push.RowSource;
import io.dvbridge.push.SourceRow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * {@code queue:<name>}: the rows of a RabbitMQ queue's messages (one JSON object, or a JSON array of objects, per
 * message), taken with manual acknowledgement until the queue stays empty for the idle time or the row limit is reached.
 * Nothing is acknowledged until {@link #acknowledge()} (after the run's writes completed): a run that fails or is stopped
 * closes its channel and the broker redelivers every message it held. A message that is not JSON is dead-lettered at once;
 * a row the validator rejects is dead-lettered by {@link #deadLetter}. Dead letters go to {@code <name>.dlq} (declared
 * durable when missing) with the reason in header {@value #ERROR_HEADER}.
 */
public final class QueueRowSource implements RowSource {

    public static final String ERROR_HEADER = "dvbridge-error";
    private static final long POLL_MILLIS = 100;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    /** The broker: dvbridge.rabbitmq.* (the settings the queue trigger uses), never from a request. */
    public record Broker(String host, int port, String virtualHost, String username, String password) {
        @Override
        public String toString() {
            return "Broker[" + host + ":" + port + virtualHost + "]";
        }
    }

    private final String queue;
    private final String deadLetters;
    private final long idleMillis;
    private final long maxRows;
    private final Connection connection;
    private final Channel channel;
    private final ArrayDeque<SourceRow> pending = new ArrayDeque<>();
    private final Map<Long, String> rowBodies = new HashMap<>();
    private final List<String[]> deadLetterQueue = new java.util.ArrayList<>();
    private final String runFingerprint = "queue-run:" + UUID.randomUUID();
    private long rows;
    private long lastTag = -1;
    private boolean ended;

    public QueueRowSource(String queue, Broker broker, int idleSeconds, int maxRows) {
        this.queue = queue;
        this.deadLetters = queue + ".dlq";
        this.idleMillis = idleSeconds * 1000L;
        this.maxRows = maxRows;
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setVirtualHost(broker.virtualHost());
        factory.setUsername(broker.username());
        factory.setPassword(broker.password());
        try {
            connection = factory.newConnection("dvbridge-push");
        } catch (IOException | TimeoutException e) {
            throw new PushSetupException("Cannot connect to RabbitMQ at " + broker.host() + ":" + broker.port() + ": " + e.getMessage(), e);
        }
        try {
            Channel check = connection.createChannel();
            check.queueDeclarePassive(queue);
            check.close();
            channel = connection.createChannel();
            channel.queueDeclare(deadLetters, true, false, false, null);
        } catch (IOException | TimeoutException e) {
            closeQuietly();
            throw new PushSetupException("The queue '" + queue + "' does not exist on the broker", e);
        }
    }

    @Override
    public boolean hasNext() {
        long idleSince = System.nanoTime();
        while (pending.isEmpty() && !ended) {
            if (maxRows > 0 && rows >= maxRows) {
                ended = true;
                break;
            }
            GetResponse message = take();
            if (message == null) {
                if ((System.nanoTime() - idleSince) / 1_000_000 >= idleMillis) {
                    ended = true;
                    break;
                }
                pause();
                continue;
            }
            idleSince = System.nanoTime();
            lastTag = message.getEnvelope().getDeliveryTag();
            read(message);
        }
        return !pending.isEmpty();
    }

    private GetResponse take() {
        try {
            return channel.basicGet(queue, false);
        } catch (IOException e) {
            throw new PushSetupException("Cannot read the queue '" + queue + "': " + e.getMessage(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushSetupException("Interrupted while waiting for messages", e);
        }
    }

    private void read(GetResponse message) {
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            deadLetter(body, "the message is not JSON: " + e.getOriginalMessage());
            return;
        }
        if (node == null || !(node.isObject() || node.isArray())) {
            deadLetter(body, "the message is neither a JSON object nor an array of objects");
            return;
        }
        for (JsonNode row : node.isArray() ? node : List.of(node)) {
            rows++;
            rowBodies.put(rows, row.toString());
            pending.add(new SourceRow(rows, values(row)));
        }
    }

    private static Map<String, Object> values(JsonNode row) {
        if (!row.isObject()) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put(JsonLinesRowSource.UNREADABLE, "the row is JSON but not an object");
            return values;
        }
        return JsonLinesRowSource.objectValues(row);
    }

    @Override
    public SourceRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.poll();
    }

    /**
     * A rejected or failed row goes to the dead-letter queue with its reason when the run completes (a run that stops
     * hands its messages back instead, so a row is never dead-lettered twice).
     */
    public synchronized void deadLetter(long rowNumber, String reason) {
        String body = rowBodies.remove(rowNumber);
        if (body != null) {
            deadLetter(body, reason);
        }
    }

    /** The row was spooled for writing: its text is no longer needed. */
    public synchronized void forget(long rowNumber) {
        rowBodies.remove(rowNumber);
    }

    private void deadLetter(String body, String reason) {
        deadLetterQueue.add(new String[] {body, reason});
    }

    /** Publishes the dead letters, then acknowledges every message taken: all are written or dead-lettered. */
    public synchronized void acknowledge() {
        try {
            for (String[] letter : deadLetterQueue) {
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2)
                        .headers(Map.of(ERROR_HEADER, letter[1])).build();
                channel.basicPublish("", deadLetters, properties, letter[0].getBytes(StandardCharsets.UTF_8));
            }
            deadLetterQueue.clear();
            if (lastTag < 0) {
                return;
            }
            channel.basicAck(lastTag, true);
            lastTag = -1;
        } catch (IOException e) {
            throw new PushSetupException("Cannot acknowledge the queue's messages: " + e.getMessage(), e);
        }
    }

    public String deadLetterQueueName() {
        return deadLetters;
    }

    @Override
    public List<String> columns() {
        return List.of();
    }

    @Override
    public boolean typed() {
        return true;
    }

    /** Unique per run: a queue's messages are gone once acknowledged, so there is nothing to resume but redelivery. */
    @Override
    public String fingerprint() {
        return runFingerprint;
    }

    @Override
    public String description() {
        return "queue " + queue;
    }

    /** Closing without {@link #acknowledge()} hands every message taken back to the broker. */
    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (connection.isOpen()) {
                connection.close();
            }
        } catch (IOException | RuntimeException e) {
            // the broker redelivers what was not acknowledged
        }
    }
}
