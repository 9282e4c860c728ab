package io.dvbridge.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Predicate;

/**
 * Every request the sandbox answered, with counters, so tests and benchmarks can assert what went
 * over the wire (how many requests, when, with which status). Bodies and tokens are never kept.
 */
public final class RequestLog {

    /**
     * One answered request. {@code status} 0 means the connection was dropped on purpose;
     * {@code retryAfterSeconds} is the Retry-After the sandbox sent with a 429 or 503, else 0.
     */
    public record Entry(long sequence, Instant receivedAt, Instant answeredAt, String method, String path,
                        String query, int status, long retryAfterSeconds, String caller, String target) {
    }

    private final ConcurrentLinkedDeque<Entry> entries = new ConcurrentLinkedDeque<>();
    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();

    void record(Instant receivedAt, String method, String path, String query, int status, long retryAfterSeconds,
                String caller, String target) {
        entries.add(new Entry(sequence.incrementAndGet(), receivedAt, Instant.now(), method, path, query, status,
                retryAfterSeconds, caller, target));
    }

    public List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    public List<Entry> entries(Predicate<Entry> filter) {
        return entries.stream().filter(filter).toList();
    }

    public long count(Predicate<Entry> filter) {
        return entries.stream().filter(filter).count();
    }

    public int size() {
        return entries.size();
    }

    /** Counts by "METHOD path status", sorted, e.g. {@code GET /orgs/x/api/data/v9.2/accounts 200 -> 3}. */
    public Map<String, Long> counters() {
        Map<String, Long> counters = new TreeMap<>();
        for (Entry e : entries) {
            counters.merge(e.method() + " " + e.path() + " " + e.status(), 1L, Long::sum);
        }
        return counters;
    }

    public void clear() {
        entries.clear();
    }
}
