package io.dvbridge.store;

import java.nio.file.Path;

class IdempotencyKeysOnPostgresTest extends IdempotencyKeyBehaviour {

    @Override
    TestDatabase newDatabase(Path folder) {
        return new PostgresSchema();
    }
}
