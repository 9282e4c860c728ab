package io.dvbridge.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The state store's behaviour on the embedded default: an H2 file, here in a folder of the test's own. */
class StateStoreOnH2Test extends StateStoreBehaviour {

    @TempDir
    Path folder;

    @Override
    StoreSettings settings() {
        return new StoreSettings("jdbc:h2:file:" + folder.resolve("state/dvbridge") + ";AUTO_SERVER=FALSE", "", "", 4);
    }
}
