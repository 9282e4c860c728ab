package io.dvbridge.store;

import java.nio.file.Path;

class IdempotencyKeysOnH2Test extends IdempotencyKeyBehaviour {

    @Override
    TestDatabase newDatabase(Path folder) {
        return new H2File(folder);
    }
}
