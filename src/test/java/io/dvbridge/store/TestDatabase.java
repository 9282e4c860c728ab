package io.dvbridge.store;

/** An empty database of one test's own, removed when closed. */
interface TestDatabase extends AutoCloseable {

    StoreSettings settings();

    @Override
    void close();
}
