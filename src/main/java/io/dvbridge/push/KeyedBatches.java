package io.dvbridge.push;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rows in batches of at most {@code size}, in input order, for batches written in parallel, such that no two batches
 * in flight hold the same key: a row whose key is in a batch handed out and not yet {@link #released released} closes
 * the batch being filled, and the next batch waits for that one before taking the row. So two requests never write
 * one record at once, and the last row of a key in the input is the last written (rows with one key inside one batch
 * go in order too: the bulk writer sends them in successive requests). Rows without a key (creates) never wait.
 * Keeping input order keeps the resume watermark right: every batch ends after the rows of the batches before it.
 * Each batch handed out is numbered from 0, like the split index, and must be released whatever its outcome.
 */
public final class KeyedBatches<T> implements java.util.Iterator<List<T>> {

    private final java.util.Iterator<T> rows;
    private final int size;
    private final Function<T, Optional<String>> key;
    private final Map<String, Integer> batchOfKey = new HashMap<>();
    private final Map<Integer, List<String>> keysOfBatch = new HashMap<>();
    private T heldBack;
    private Optional<String> heldBackKey = Optional.empty();
    private int nextIndex;
    private boolean abandoned;

    /** @param key the row's key as text that compares like the service compares keys; empty for none */
    public KeyedBatches(java.util.Iterator<T> rows, int size, Function<T, Optional<String>> key) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, not " + size);
        }
        this.rows = rows;
        this.size = size;
        this.key = key;
    }

    @Override
    public boolean hasNext() {
        return heldBack != null || rows.hasNext();
    }

    @Override
    public List<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<T> batch = new ArrayList<>(size);
        List<String> keys = new ArrayList<>();
        int index;
        synchronized (this) {
            index = nextIndex;
        }
        if (heldBack != null) {
            awaitFree(heldBackKey);
            add(batch, keys, index, heldBack, heldBackKey);
            heldBack = null;
            heldBackKey = Optional.empty();
        }
        while (batch.size() < size && rows.hasNext()) {
            T row = rows.next();
            Optional<String> rowKey = key.apply(row);
            if (inFlightElsewhere(rowKey, index)) {
                if (batch.isEmpty()) {
                    awaitFree(rowKey);
                } else {
                    heldBack = row;
                    heldBackKey = rowKey;
                    break;
                }
            }
            add(batch, keys, index, row, rowKey);
        }
        synchronized (this) {
            keysOfBatch.put(index, keys);
            nextIndex++;
        }
        return batch;
    }

    private synchronized void add(List<T> batch, List<String> keys, int index, T row, Optional<String> rowKey) {
        batch.add(row);
        rowKey.ifPresent(k -> {
            batchOfKey.put(k, index);
            keys.add(k);
        });
    }

    private synchronized boolean inFlightElsewhere(Optional<String> rowKey, int index) {
        return rowKey.map(batchOfKey::get).filter(holder -> holder != index).isPresent();
    }

    private synchronized void awaitFree(Optional<String> rowKey) {
        if (rowKey.isEmpty()) {
            return;
        }
        while (batchOfKey.containsKey(rowKey.get())) {
            if (abandoned) {
                throw new IllegalStateException("The write was abandoned while a row waited for an earlier row with its key");
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while a row waited for an earlier row with its key", e);
            }
        }
    }

    /** Batch {@code index} is done (written, failed or abandoned): rows with its keys may go. Safe to call twice. */
    public synchronized void released(int index) {
        List<String> keys = keysOfBatch.remove(index);
        if (keys != null) {
            keys.forEach(k -> batchOfKey.remove(k, index));
            notifyAll();
        }
    }

    /** Wakes a waiting reader with an error: the run stopped and the batch it waits for will not be released. */
    public synchronized void abandon() {
        abandoned = true;
        notifyAll();
    }

    /** Keys in batches handed out and not released (for tests and diagnostics). */
    public synchronized int keysInFlight() {
        return batchOfKey.size();
    }
}
