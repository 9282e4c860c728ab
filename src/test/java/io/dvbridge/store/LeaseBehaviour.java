package io.dvbridge.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** One writer per (kind, target), on whichever database a subclass gives. */
abstract class LeaseBehaviour extends OnDatabase {

    static final String KIND = "dataverse-write";
    static final String TARGET = "contoso-prod";
    static final Duration LONG = Duration.ofMinutes(10);
    /** A bound on a hung test, not a measured time. */
    static final long PATIENCE_MILLIS = 60_000;

    @Test
    void a_free_target_is_leased_and_the_next_run_is_told_which_run_holds_it() {
        StateStore store = open();

        LeaseResult first = store.leases().acquire(KIND, TARGET, "migrate-1", LONG);
        LeaseResult second = store.leases().acquire(KIND, TARGET, "migrate-2", LONG);

        assertThat(first).isInstanceOfSatisfying(LeaseResult.Acquired.class, acquired -> {
            assertThat(acquired.lease().runId()).isEqualTo("migrate-1");
            assertThat(acquired.lease().instanceId()).isEqualTo(store.instanceId());
            assertThat(acquired.lease().expiresAt()).isEqualTo(acquired.lease().acquiredAt().plus(LONG));
        });
        assertThat(second).isInstanceOfSatisfying(LeaseResult.Held.class,
                held -> assertThat(held.by()).isEqualTo(((LeaseResult.Acquired) first).lease()));
        assertThat(store.leases().held()).containsExactly(((LeaseResult.Acquired) first).lease());
    }

    @Test
    void other_targets_and_other_kinds_are_leased_independently() {
        Leases leases = open().leases();
        leases.acquire(KIND, TARGET, "migrate-1", LONG);

        assertThat(leases.acquire(KIND, "fabrikam-prod", "migrate-2", LONG)).isInstanceOf(LeaseResult.Acquired.class);
        assertThat(leases.acquire("powerbi-write", TARGET, "migrate-3", LONG)).isInstanceOf(LeaseResult.Acquired.class);
        assertThat(leases.held()).extracting(Lease::runId).containsExactly("migrate-1", "migrate-2", "migrate-3");
    }

    @Test
    void the_holder_asking_again_keeps_its_lease() {
        Leases leases = open().leases();
        Lease first = ((LeaseResult.Acquired) leases.acquire(KIND, TARGET, "migrate-1", Duration.ofMinutes(1))).lease();

        LeaseResult again = leases.acquire(KIND, TARGET, "migrate-1", LONG);

        assertThat(again).isInstanceOfSatisfying(LeaseResult.Acquired.class, acquired -> {
            assertThat(acquired.lease().acquiredAt()).isEqualTo(first.acquiredAt());
            assertThat(acquired.lease().expiresAt()).isAfter(first.expiresAt());
        });
    }

    @Test
    void renewing_extends_the_lease_and_releasing_frees_the_target() {
        Leases leases = open().leases();
        Lease first = ((LeaseResult.Acquired) leases.acquire(KIND, TARGET, "migrate-1", Duration.ofMinutes(1))).lease();

        assertThat(leases.renew("migrate-1", LONG)).isTrue();
        assertThat(leases.held()).singleElement().satisfies(lease -> assertThat(lease.expiresAt()).isAfter(first.expiresAt()));

        leases.release("migrate-1");

        assertThat(leases.held()).isEmpty();
        assertThat(leases.renew("migrate-1", LONG)).isFalse();
        assertThat(leases.acquire(KIND, TARGET, "migrate-2", LONG)).isInstanceOf(LeaseResult.Acquired.class);
    }

    @Test
    void an_expired_lease_goes_to_the_next_run_and_the_run_that_let_it_expire_is_abandoned() {
        StateStore dead = open();
        StateStore alive = open();
        dead.runs().insert(withInstance(run("migrate-1", "migrate", RunStatus.RUNNING, T0, TARGET), dead.instanceId()));
        dead.leases().acquire(KIND, TARGET, "migrate-1", Duration.ofMillis(50));

        Lease taken = awaitAcquired(alive.leases(), "migrate-2");

        assertThat(taken.instanceId()).isEqualTo(alive.instanceId());
        assertThat(dead.runs().find("migrate-1").orElseThrow()).satisfies(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.ABANDONED);
            assertThat(run.summary()).isEqualTo("lease expired; instance " + dead.instanceId() + " stopped renewing");
            assertThat(run.finishedAt()).contains(CLOCK.instant());
        });
        assertThat(dead.leases().renew("migrate-1", LONG)).isFalse();
        assertThat(alive.leases().held()).extracting(Lease::runId).containsExactly("migrate-2");
    }

    @Test
    void a_run_that_lost_one_of_its_leases_is_told_so_at_its_next_heartbeat() {
        StateStore store = open();
        store.leases().acquire(KIND, TARGET, "migrate-1", Duration.ofMillis(50));
        store.leases().acquire("powerbi-write", TARGET, "migrate-1", LONG);

        awaitAcquired(open().leases(), "migrate-2");

        assertThat(store.leases().renew("migrate-1", LONG)).isFalse();
    }

    @Test
    void threads_racing_for_one_target_leave_exactly_one_winner() throws Exception {
        StateStore store = open();

        List<LeaseResult> results = race(List.of(store), 12);

        assertOneWinner(results);
    }

    @Test
    void two_instances_racing_for_one_target_leave_exactly_one_winner() throws Exception {
        List<StateStore> instances = List.of(open(), open());

        List<LeaseResult> results = race(instances, 8);

        assertOneWinner(results);
        assertThat(instances.get(0).leases().held()).hasSize(1);
    }

    @Test
    void the_keeper_renews_a_live_run_so_its_lease_outlasts_its_ttl() {
        Leases leases = open().leases();
        Duration ttl = Duration.ofSeconds(3);
        Lease first = ((LeaseResult.Acquired) leases.acquire(KIND, TARGET, "migrate-1", ttl)).lease();

        try (LeaseKeeper keeper = new LeaseKeeper(leases, ttl, lost -> fail("lost " + lost))) {
            keeper.keep("migrate-1");
            keeper.start();
            awaitRenewedBeyond(leases, first.expiresAt());
        }
    }

    @Test
    void the_keeper_reports_a_run_whose_lease_was_taken_over_and_stops_renewing_it() {
        StateStore dead = open();
        Leases leases = dead.leases();
        leases.acquire(KIND, TARGET, "migrate-1", Duration.ofMillis(50));
        awaitAcquired(open().leases(), "migrate-2");
        List<String> lost = new CopyOnWriteArrayList<>();
        LeaseKeeper keeper = new LeaseKeeper(leases, LONG, lost::add);
        keeper.keep("migrate-1");

        keeper.renewAll();
        keeper.renewAll();

        assertThat(lost).containsExactly("migrate-1");
        assertThat(leases.held()).extracting(Lease::runId).containsExactly("migrate-2");
    }

    private static List<LeaseResult> race(List<StateStore> instances, int threadsPerInstance) throws Exception {
        int threads = instances.size() * threadsPerInstance;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<LeaseResult>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Leases leases = instances.get(i % instances.size()).leases();
                String runId = "migrate-" + i;
                Callable<LeaseResult> acquire = () -> {
                    ready.countDown();
                    go.await();
                    return leases.acquire(KIND, TARGET, runId, LONG);
                };
                futures.add(pool.submit(acquire));
            }
            ready.await();
            go.countDown();
            List<LeaseResult> results = new ArrayList<>();
            for (Future<LeaseResult> future : futures) {
                results.add(future.get(PATIENCE_MILLIS, TimeUnit.MILLISECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertOneWinner(List<LeaseResult> results) {
        List<Lease> winners = results.stream().filter(LeaseResult.Acquired.class::isInstance)
                .map(result -> ((LeaseResult.Acquired) result).lease()).toList();
        assertThat(winners).hasSize(1);
        assertThat(results.stream().filter(LeaseResult.Held.class::isInstance)
                .map(result -> ((LeaseResult.Held) result).by().runId()))
                .hasSize(results.size() - 1)
                .containsOnly(winners.get(0).runId());
    }

    /** Asks for the lease until the holder's has run out (its ttl is short) and this run gets it. */
    private static Lease awaitAcquired(Leases leases, String runId) {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (leases.acquire(KIND, TARGET, runId, LONG) instanceof LeaseResult.Acquired acquired) {
                return acquired.lease();
            }
            pause();
        }
        throw new AssertionError(runId + " never got the lease on " + TARGET);
    }

    private static void awaitRenewedBeyond(Leases leases, Instant expiry) {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (leases.held().stream().anyMatch(lease -> lease.expiresAt().isAfter(expiry))) {
                return;
            }
            pause();
        }
        throw new AssertionError("the keeper never renewed the lease beyond " + expiry);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
