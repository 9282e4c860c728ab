package io.dvbridge.dataverse;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Positions kept in memory only: for tests and for reads that may start over with a full sync after a restart. */
public final class InMemoryChangeCheckpoints implements ChangeCheckpoints {

    private final Map<String, String> links = new ConcurrentHashMap<>();

    @Override
    public Optional<String> load(String key) {
        return Optional.ofNullable(links.get(key));
    }

    @Override
    public void save(String key, String link) {
        links.put(key, link);
    }

    @Override
    public void clear(String key) {
        links.remove(key);
    }
}
