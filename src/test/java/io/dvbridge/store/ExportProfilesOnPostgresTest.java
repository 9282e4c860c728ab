package io.dvbridge.store;

import java.nio.file.Path;

class ExportProfilesOnPostgresTest extends ExportProfileBehaviour {

    @Override
    TestDatabase newDatabase(Path folder) {
        return new PostgresSchema();
    }
}
