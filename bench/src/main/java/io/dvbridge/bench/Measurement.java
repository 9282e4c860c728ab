package io.dvbridge.bench;

import io.dvbridge.sandbox.RequestLog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One measured run: how many requests the sandbox answered (token requests included), the wall time
 * around the run, how much of it the sandbox spent answering (its injected latency included), and the
 * process's heap peak.
 */
record Measurement(int rows, String implementation, String mode, long requests, Map<String, Long> requestsByKind,
                   Duration wallTime, Duration serverTime, long heapPeakBytes, String timeline) {

    /** @param started when the measured run began, to place each request on the run's timeline */
    static Measurement of(int rows, String implementation, String mode, List<RequestLog.Entry> log, Instant started,
                          Duration wallTime, long heapPeakBytes) {
        Map<String, Long> byKind = new TreeMap<>();
        long serverNanos = 0;
        for (RequestLog.Entry e : log) {
            byKind.merge(kind(e), 1L, Long::sum);
            serverNanos += Duration.between(e.receivedAt(), e.answeredAt()).toNanos();
        }
        return new Measurement(rows, implementation, mode, log.size(), byKind, wallTime, Duration.ofNanos(serverNanos),
                heapPeakBytes, timeline(log, started, wallTime));
    }

    /**
     * When each request arrived and was answered, in ms from the start of the run, for requests other than
     * row PATCHes (those are summarised), so one can see where the wall time goes between requests.
     */
    private static String timeline(List<RequestLog.Entry> log, Instant started, Duration wallTime) {
        StringBuilder out = new StringBuilder();
        long patches = 0;
        long firstPatch = -1;
        long lastPatch = -1;
        for (RequestLog.Entry e : log) {
            long in = Duration.between(started, e.receivedAt()).toMillis();
            long done = Duration.between(started, e.answeredAt()).toMillis();
            if (e.method().equals("PATCH")) {
                patches++;
                firstPatch = firstPatch < 0 ? in : firstPatch;
                lastPatch = done;
                continue;
            }
            out.append(String.format("    %7d .. %7d ms  %-16s %s %s%n", in, done, kind(e), e.method(), e.path()));
        }
        if (patches > 0) {
            out.append(String.format("    %7d .. %7d ms  %,d PATCHes%n", firstPatch, lastPatch, patches));
        }
        out.append(String.format("    %7d ms end of run%n", wallTime.toMillis()));
        return out.toString();
    }

    /** A coarse label: token, Power BI read, Dataverse read, $batch, PATCH... */
    private static String kind(RequestLog.Entry e) {
        if ("entra".equals(e.target())) {
            return e.path().contains("/v2.0/") ? "token v2" : e.path().endsWith("/oauth2/token") ? "token v1" : "entra other";
        }
        if ("powerbi".equals(e.target())) {
            return "Power BI " + e.method();
        }
        if (e.path().endsWith("/$batch")) {
            return "Dataverse $batch";
        }
        return "Dataverse " + e.method();
    }
}
