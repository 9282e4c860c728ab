package io.dvbridge.store;

import java.nio.file.Path;

class LeasesOnH2Test extends LeaseBehaviour {

    @Override
    TestDatabase newDatabase(Path folder) {
        return new H2File(folder);
    }
}
