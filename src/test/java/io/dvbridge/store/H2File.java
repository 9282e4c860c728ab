package io.dvbridge.store;

import java.nio.file.Path;

/** The embedded default, an H2 file, in a folder of the test's own (deleted with it). */
record H2File(Path folder) implements TestDatabase {

    @Override
    public StoreSettings settings() {
        return new StoreSettings("jdbc:h2:file:" + folder.resolve("state/dvbridge") + ";AUTO_SERVER=FALSE", "", "", 8);
    }

    @Override
    public void close() {
        // the folder is the test's @TempDir and goes with it
    }
}
