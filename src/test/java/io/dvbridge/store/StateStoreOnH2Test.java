package io.dvbridge.store;

import java.nio.file.Path;

class StateStoreOnH2Test extends StateStoreBehaviour {

    @Override
    TestDatabase newDatabase(Path folder) {
        return new H2File(folder);
    }
}
