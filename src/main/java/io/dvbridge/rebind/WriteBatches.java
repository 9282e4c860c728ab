package io.dvbridge.rebind;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a plan's writes are grouped into {@code $batch} requests, decided once after planning so that the dry
 * run, the real run and its undo show and do the same thing.
 *
 * <p>The writes are cut, in plan order, into consecutive batches of {@code limit} (the last one holds the
 * rest). {@link WriteMode#ATOMIC}: each batch is one changeset that commits or rolls back as a whole; up to
 * {@code limit} writes that is the whole run, above it every changeset is all or nothing on its own (a
 * changeset cannot be larger: Dataverse refuses more than 1,000 requests in one {@code $batch}).
 * {@link WriteMode#ROW_BY_ROW}: each write stands alone; the batches only carry them.
 *
 * @param mode   how each batch is sent
 * @param writes how many writes the plan holds
 * @param limit  the most writes one batch may hold
 */
@JsonIgnoreProperties(value = {"count", "description"}, allowGetters = true)
public record WriteBatches(WriteMode mode, int writes, int limit) {

    public WriteBatches {
        if (mode == null || writes < 0 || limit < 1) {
            throw new IllegalArgumentException("write batches need a mode, writes >= 0 and limit >= 1, not "
                    + mode + ", " + writes + ", " + limit);
        }
    }

    /** Number of {@code $batch} requests (changesets in atomic mode). */
    @JsonProperty("count")
    public int count() {
        return (writes + limit - 1) / limit;
    }

    /** The 1-based batch that carries the write at {@code index} (0-based, plan order). */
    public int batchOf(int index) {
        if (index < 0 || index >= writes) {
            throw new IndexOutOfBoundsException("write " + index + " of " + writes);
        }
        return index / limit + 1;
    }

    /** {@code items} (one per write, plan order) cut into the batches. */
    public <T> List<List<T>> split(List<T> items) {
        if (items.size() != writes) {
            throw new IllegalArgumentException(items.size() + " items for " + writes + " writes");
        }
        List<List<T>> batches = new ArrayList<>(count());
        for (int from = 0; from < writes; from += limit) {
            batches.add(List.copyOf(items.subList(from, Math.min(from + limit, writes))));
        }
        return batches;
    }

    /** One sentence for plans and reports, e.g. "4,200 writes in 5 atomic changesets of at most 1,000". */
    @JsonProperty("description")
    public String description() {
        if (writes == 0) {
            return "no writes";
        }
        String what = number(writes) + (writes == 1 ? " write" : " writes");
        if (mode == WriteMode.ROW_BY_ROW) {
            return what + ", each row on its own, in " + (count() == 1 ? "one $batch request"
                    : number(count()) + " $batch requests of at most " + number(limit));
        }
        return what + (count() == 1 ? " in one atomic changeset (all or nothing)"
                : " in " + number(count()) + " atomic changesets of at most " + number(limit)
                + " (each all or nothing on its own)");
    }

    private static String number(int value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
