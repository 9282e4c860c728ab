package io.dvbridge.http;

import io.dvbridge.auth.AccessToken;
import io.dvbridge.auth.TokenSource;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Hands out "token-1", then "token-2" after each invalidate, and records which scopes were invalidated. */
public final class RecordingTokenSource implements TokenSource {

    private final AtomicInteger generation = new AtomicInteger(1);
    private final List<String> invalidated = new CopyOnWriteArrayList<>();

    @Override
    public AccessToken token(String scope) {
        return new AccessToken("token-" + generation.get(), Instant.now().plusSeconds(3600));
    }

    @Override
    public void invalidate(String scope) {
        invalidated.add(scope);
        generation.incrementAndGet();
    }

    public List<String> invalidated() {
        return List.copyOf(invalidated);
    }
}
