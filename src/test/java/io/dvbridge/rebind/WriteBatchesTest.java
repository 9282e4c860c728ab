package io.dvbridge.rebind;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriteBatchesTest {

    @Test
    void up_to_the_limit_all_writes_go_in_one_atomic_changeset() {
        WriteBatches batches = new WriteBatches(WriteMode.ATOMIC, 1000, 1000);
        assertThat(batches.count()).isEqualTo(1);
        assertThat(batches.description()).isEqualTo("1,000 writes in one atomic changeset (all or nothing)");
    }

    @Test
    void above_the_limit_writes_go_in_consecutive_changesets_of_at_most_the_limit() {
        WriteBatches batches = new WriteBatches(WriteMode.ATOMIC, 4200, 1000);
        assertThat(batches.count()).isEqualTo(5);
        assertThat(batches.description())
                .isEqualTo("4,200 writes in 5 atomic changesets of at most 1,000 (each all or nothing on its own)");
        List<List<Integer>> split = batches.split(IntStream.range(0, 4200).boxed().toList());
        assertThat(split).extracting(List::size).containsExactly(1000, 1000, 1000, 1000, 200);
        assertThat(split.get(4).get(0)).isEqualTo(4000);
        assertThat(batches.batchOf(0)).isEqualTo(1);
        assertThat(batches.batchOf(999)).isEqualTo(1);
        assertThat(batches.batchOf(1000)).isEqualTo(2);
        assertThat(batches.batchOf(4199)).isEqualTo(5);
    }

    @Test
    void row_by_row_says_each_row_stands_alone() {
        assertThat(new WriteBatches(WriteMode.ROW_BY_ROW, 1, 1000).description())
                .isEqualTo("1 write, each row on its own, in one $batch request");
        assertThat(new WriteBatches(WriteMode.ROW_BY_ROW, 2001, 1000).description())
                .isEqualTo("2,001 writes, each row on its own, in 3 $batch requests of at most 1,000");
    }

    @Test
    void a_plan_without_writes_has_no_batches() {
        WriteBatches none = new WriteBatches(WriteMode.ATOMIC, 0, 1000);
        assertThat(none.count()).isZero();
        assertThat(none.split(List.of())).isEmpty();
        assertThat(none.description()).isEqualTo("no writes");
    }

    @Test
    void items_that_do_not_fit_the_writes_are_refused() {
        WriteBatches batches = new WriteBatches(WriteMode.ATOMIC, 3, 1000);
        assertThatThrownBy(() -> batches.split(List.of(1, 2))).hasMessageContaining("2 items for 3 writes");
        assertThatThrownBy(() -> batches.batchOf(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
