package io.dvbridge.store;

import java.nio.file.Path;

class ExportProfilesOnH2Test extends ExportProfileBehaviour {

    @Override
    TestDatabase newDatabase(Path folder) {
        return new H2File(folder);
    }
}
