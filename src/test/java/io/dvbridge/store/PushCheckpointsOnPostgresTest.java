package io.dvbridge.store;

import java.nio.file.Path;

class PushCheckpointsOnPostgresTest extends PushCheckpointBehaviour {

    @Override
    TestDatabase newDatabase(Path folder) {
        return new PostgresSchema();
    }
}
