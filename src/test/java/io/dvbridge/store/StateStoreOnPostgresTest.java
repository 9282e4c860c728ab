package io.dvbridge.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The state store's behaviour on the machine's PostgreSQL, in a schema of the test's own. */
class StateStoreOnPostgresTest extends StateStoreBehaviour {

    PostgresSchema schema;

    @BeforeEach
    void createSchema() {
        schema = new PostgresSchema();
    }

    @AfterEach
    void dropSchema() {
        schema.close();
    }

    @Override
    StoreSettings settings() {
        return schema.settings(4);
    }
}
