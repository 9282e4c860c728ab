package io.dvbridge.triggers.health;

import io.dvbridge.metrics.MeterNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The messages waiting in the job queue, from RabbitMQ's answer to a passive declare (which creates nothing).
 * The gauge shows the last sample, taken by the broker's readiness check and by a background schedule, never per
 * scrape; it is NaN until a sample was taken and while the broker does not answer.
 */
public final class QueueDepth {

    private final ConnectionFactory connections;
    private final String queue;
    private final AtomicLong last = new AtomicLong(-1);

    public QueueDepth(ConnectionFactory connections, String queue, MeterRegistry registry) {
        this.connections = connections;
        this.queue = queue;
        Gauge.builder(MeterNames.QUEUE_DEPTH, last, depth -> depth.get() < 0 ? Double.NaN : depth.get())
                .description("Messages waiting in the job queue (sampled)").tag(MeterNames.QUEUE, queue).register(registry);
    }

    /**
     * Asks the broker now.
     *
     * @return the message count
     * @throws Exception when the broker cannot be reached or the queue does not exist
     */
    public long sample() throws Exception {
        try (var connection = connections.createConnection(); var channel = connection.createChannel(false)) {
            long count = channel.queueDeclarePassive(queue).getMessageCount();
            last.set(count);
            return count;
        } catch (Exception e) {
            last.set(-1);
            throw e;
        }
    }

    public String queue() {
        return queue;
    }
}
