package io.dvbridge.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A token source with its own per-scope cache in front of msal4j (whose cache misses for authorities
 * with a port, see reference D). A token is reused until 5 minutes before it expires or, when it
 * lives less than 10 minutes, until half its lifetime has passed, so short-lived tokens are renewed
 * too. Callers of one scope share a single acquisition in flight; other scopes are not held up.
 */
final class CachingTokenSource implements TokenSource {

    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);
    static final Duration SHORT_LIFETIME = Duration.ofMinutes(10);

    private record Cached(AccessToken token, Instant renewAt) {
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile Cached cached;
    }

    private final String description;
    private final TokenAcquirer acquirer;
    private final Clock clock;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    /** @param description how {@link #toString()} names this source; must hold no secret */
    CachingTokenSource(String description, TokenAcquirer acquirer, Clock clock) {
        this.description = description;
        this.acquirer = acquirer;
        this.clock = clock;
    }

    @Override
    public AccessToken token(String scope) {
        return serve(scope).token();
    }

    /** A caller that waited for another's acquisition in flight gets its token from the cache. */
    @Override
    public ServedToken serve(String scope) {
        Slot slot = slots.computeIfAbsent(scope, s -> new Slot());
        Cached cached = slot.cached;
        if (fresh(cached)) {
            return new ServedToken(cached.token(), true);
        }
        slot.lock.lock();
        try {
            cached = slot.cached;
            if (fresh(cached)) {
                return new ServedToken(cached.token(), true);
            }
            Instant requestedAt = clock.instant();
            AccessToken token = acquirer.acquire(scope);
            slot.cached = new Cached(token, renewAt(requestedAt, token.expiresOn()));
            return new ServedToken(token, false);
        } finally {
            slot.lock.unlock();
        }
    }

    private boolean fresh(Cached cached) {
        return cached != null && clock.instant().isBefore(cached.renewAt());
    }

    /** Measured from when the request was sent, so network time only makes renewal earlier. */
    static Instant renewAt(Instant requestedAt, Instant expiresOn) {
        Duration lifetime = Duration.between(requestedAt, expiresOn);
        if (lifetime.compareTo(SHORT_LIFETIME) >= 0) {
            return expiresOn.minus(RENEW_BEFORE_EXPIRY);
        }
        return requestedAt.plus(lifetime.dividedBy(2));
    }

    @Override
    public void invalidate(String scope) {
        Slot slot = slots.get(scope);
        if (slot != null) {
            slot.cached = null;
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
