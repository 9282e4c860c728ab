package io.dvbridge.store;

import java.nio.file.Path;

class LeasesOnPostgresTest extends LeaseBehaviour {

    @Override
    TestDatabase newDatabase(Path folder) {
        return new PostgresSchema();
    }
}
