package io.dvbridge.store;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * camel-sql's JdbcMessageIdRepository over the store's pool and the store's CAMEL_MESSAGEPROCESSED table, whose
 * primary key is what keeps a message that two instances receive at once from running twice.
 */
abstract class IdempotencyKeyBehaviour extends OnDatabase {

    static final long PATIENCE_MILLIS = 60_000;
    static final int IDS = 40;

    @Test
    void a_message_id_is_added_once_and_the_second_add_says_it_was_seen() {
        StateStore store = open();
        JdbcMessageIdRepository repository = repository(store, "queue-jobs");

        assertThat(repository.add("request-1")).isTrue();
        assertThat(repository.add("request-1")).isFalse();
        assertThat(repository.contains("request-1")).isTrue();
        assertThat(repository(store, "queue-other").add("request-1")).as("another processor's keys are its own").isTrue();
    }

    @Test
    void two_instances_adding_the_same_ids_at_once_let_each_id_through_once() throws Exception {
        List<StateStore> instances = List.of(open(), open());

        Race race = race(List.of(repository(instances.get(0), "queue-jobs"), repository(instances.get(1), "queue-jobs")));

        // camel-sql checks, then inserts: the loser of a close race meets the primary key and throws
        race.assertEachIdAddedOnce();
        assertThat(count(instances.get(0), "SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED")).isEqualTo(IDS);
    }

    @Test
    void with_the_store_repository_the_loser_of_a_race_is_told_the_id_was_seen() throws Exception {
        List<StateStore> instances = List.of(open(), open());

        Race race = race(List.of(new StoreMessageIdRepository(instances.get(0).dataSource(), "queue-jobs"),
                new StoreMessageIdRepository(instances.get(1).dataSource(), "queue-jobs")));

        race.assertEachIdAddedOnce();
        assertThat(race.refusedByKey()).isZero();
    }

    /** Four consumers, two per instance, add the same ids in shuffled orders. */
    private static Race race(List<JdbcMessageIdRepository> repositories) throws Exception {
        repositories.forEach(JdbcMessageIdRepository::start);
        Map<String, AtomicInteger> added = new ConcurrentHashMap<>();
        AtomicInteger refusedByKey = new AtomicInteger();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                JdbcMessageIdRepository repository = repositories.get(t % repositories.size());
                List<String> order = new ArrayList<>();
                for (int i = 0; i < IDS; i++) {
                    order.add("request-" + i);
                }
                Collections.shuffle(order);
                futures.add(pool.submit(() -> {
                    go.await();
                    for (String id : order) {
                        try {
                            if (repository.add(id)) {
                                added.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
                            }
                        } catch (DuplicateKeyException e) {
                            refusedByKey.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get(PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Race(added, refusedByKey.get());
    }

    private record Race(Map<String, AtomicInteger> added, int refusedByKey) {

        void assertEachIdAddedOnce() {
            assertThat(added).hasSize(IDS);
            assertThat(added.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        }
    }

    private static JdbcMessageIdRepository repository(StateStore store, String processorName) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(store.dataSource(), processorName);
        repository.setCreateTableIfNotExists(false);
        repository.start();
        return repository;
    }
}
