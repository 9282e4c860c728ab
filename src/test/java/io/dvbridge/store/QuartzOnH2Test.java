package io.dvbridge.store;

import java.nio.file.Path;

class QuartzOnH2Test extends QuartzBehaviour {

    @Override
    TestDatabase newDatabase(Path folder) {
        return new H2File(folder);
    }
}
