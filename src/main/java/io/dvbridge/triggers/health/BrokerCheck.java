package io.dvbridge.triggers.health;

import java.time.Duration;

/** Ready while RabbitMQ answers for the job queue (only registered when the queue trigger is on). */
public final class BrokerCheck extends BoundedReadinessCheck {

    private final QueueDepth depth;

    public BrokerCheck(QueueDepth depth, Duration timeout) {
        super("broker", timeout);
        this.depth = depth;
    }

    @Override
    protected String probe() throws Exception {
        try {
            return "queue " + depth.queue() + " holds " + depth.sample() + " message(s)";
        } catch (Exception e) {
            throw new IllegalStateException("the broker does not answer for queue " + depth.queue() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
