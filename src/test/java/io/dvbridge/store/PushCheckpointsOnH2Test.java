package io.dvbridge.store;

import java.nio.file.Path;

class PushCheckpointsOnH2Test extends PushCheckpointBehaviour {

    @Override
    TestDatabase newDatabase(Path folder) {
        return new H2File(folder);
    }
}
