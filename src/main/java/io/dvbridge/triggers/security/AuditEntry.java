package io.dvbridge.triggers.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One request to the trigger API as the audit log keeps it: who (the caller's kind and name, or
 * {@code -} when refused before authentication), what (method, path without its query string, job,
 * environments, run id) and the answer's status. It never holds a credential: callers are named by
 * key name or client id, the query string (where a careless client might put a key) is dropped,
 * anything shaped like a JWT is masked, and every value is cut to printable ASCII so a crafted path
 * cannot forge extra log lines.
 */
public record AuditEntry(Optional<Caller> caller, String method, String path, Optional<String> job,
                         List<String> environments, Optional<String> runId, int status) {

    /** The logger audit lines go to, for routing them to their own file. */
    public static final String LOGGER = "io.dvbridge.audit";
    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
    private static final int MAX_VALUE_LENGTH = 200;

    public AuditEntry {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(runId, "runId");
        environments = List.copyOf(environments);
    }

    /** {@code caller=api-key:ci method=POST path=/api/jobs/rebind job=rebind environments=contoso-prod run=... status=202} */
    public String line() {
        int query = path.indexOf('?');
        return "caller=" + caller.map(c -> clean(c.label())).orElse("-")
                + " method=" + clean(method)
                + " path=" + clean(query < 0 ? path : path.substring(0, query))
                + " job=" + job.map(AuditEntry::clean).orElse("-")
                + " environments=" + (environments.isEmpty() ? "-" : clean(String.join(",", environments)))
                + " run=" + runId.map(AuditEntry::clean).orElse("-")
                + " status=" + status;
    }

    /** Writes {@link #line()} at INFO on the {@value #LOGGER} logger. */
    public void log() {
        AUDIT.info(line());
    }

    private static String clean(String value) {
        String masked = JWT.matcher(value).replaceAll("<jwt>");
        StringBuilder out = new StringBuilder(Math.min(masked.length(), MAX_VALUE_LENGTH));
        for (int i = 0; i < masked.length() && out.length() < MAX_VALUE_LENGTH; i++) {
            char c = masked.charAt(i);
            out.append(c > ' ' && c < 0x7f ? c : '?');
        }
        if (masked.length() > MAX_VALUE_LENGTH) {
            out.append("...");
        }
        return out.isEmpty() ? "-" : out.toString();
    }
}
