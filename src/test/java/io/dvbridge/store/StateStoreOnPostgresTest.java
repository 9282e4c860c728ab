package io.dvbridge.store;

import java.nio.file.Path;

class StateStoreOnPostgresTest extends StateStoreBehaviour {

    @Override
    TestDatabase newDatabase(Path folder) {
        return new PostgresSchema();
    }
}
