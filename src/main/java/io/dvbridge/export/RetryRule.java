package io.dvbridge.export;

import java.time.Duration;

/**
 * How often and how far apart a record that failed is tried again before it goes to the failure log (the Data
 * Export Service: 12 attempts 5 s apart).
 */
public record RetryRule(int attempts, Duration interval) {

    public RetryRule {
        if (attempts < 1) {
            throw new IllegalArgumentException("A record is tried at least once");
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("The retry interval cannot be negative");
        }
    }

    void pause() {
        if (interval.isZero()) {
            return;
        }
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("Interrupted while waiting to retry a record", e);
        }
    }
}
