package io.dvbridge.push;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyedBatchesTest {

    /** Rows "key/n": the part before the slash is the key; "-" has none. */
    static KeyedBatches<String> batches(int size, String... rows) {
        return new KeyedBatches<>(List.of(rows).iterator(), size, r -> r.startsWith("-") ? Optional.empty() : Optional.of(r.split("/")[0]));
    }

    @Test
    void rows_with_a_key_of_a_batch_in_flight_close_the_batch_and_wait_for_its_release() throws Exception {
        KeyedBatches<String> batches = batches(3, "a/1", "b/1", "a/2", "c/1", "a/3", "d/1");

        assertThat(batches.next()).as("one key twice in one batch is the bulk writer's to order").containsExactly("a/1", "b/1", "a/2");
        assertThat(batches.next()).as("a/3's key is in flight: the batch ends before it").containsExactly("c/1");
        CompletableFuture<List<String>> third = CompletableFuture.supplyAsync(batches::next);
        batches.released(1);
        assertThat(third).as("batch 1 did not hold key a").isNotDone();
        assertThat(batches.keysInFlight()).isEqualTo(2);

        batches.released(0);

        assertThat(third.get(30, TimeUnit.SECONDS)).containsExactly("a/3", "d/1");
        assertThat(batches.hasNext()).isFalse();
    }

    @Test
    void rows_without_a_key_never_wait_and_input_order_is_kept() {
        KeyedBatches<String> batches = batches(2, "-1", "-2", "-3", "x/1", "-4");

        assertThat(batches.next()).containsExactly("-1", "-2");
        assertThat(batches.next()).containsExactly("-3", "x/1");
        assertThat(batches.next()).containsExactly("-4");
    }

    @Test
    void an_abandoned_write_wakes_a_waiting_row_with_an_error() {
        KeyedBatches<String> batches = batches(1, "a/1", "a/2");
        batches.next();
        CompletableFuture<List<String>> second = CompletableFuture.supplyAsync(batches::next);

        batches.abandon();

        assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("abandoned");
    }
}
