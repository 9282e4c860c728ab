package io.dvbridge.store;

import java.nio.file.Path;

class QuartzOnPostgresTest extends QuartzBehaviour {

    @Override
    TestDatabase newDatabase(Path folder) {
        return new PostgresSchema();
    }
}
