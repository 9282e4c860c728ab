package io.dvbridge.cli;

import picocli.CommandLine;

final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = DvBridge.class.getPackage().getImplementationVersion();
        return new String[]{"dvbridge " + (v == null ? "development build" : v)};
    }
}
