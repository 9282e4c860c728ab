package io.dvbridge.http;

import io.dvbridge.config.DvEnvironment;
import io.dvbridge.config.Environments;
import io.dvbridge.config.UnknownEnvironmentException;

import java.net.URI;
import java.util.Set;

/** One environment named "test" whose Dataverse and Power BI both live on the fake server. */
public final class FakeEnvironments implements Environments {

    public static final String API_PATH = "/orgs/test/api/data/v9.2/";
    public static final String POWER_BI_PATH = "/powerbi/v1.0/myorg/";

    private final DvEnvironment test;

    public FakeEnvironments(FakeHttpsServer server, RecordingTokenSource tokens) {
        this.test = new DvEnvironment("test", URI.create(server.origin() + "/orgs/test"),
                URI.create(server.origin() + POWER_BI_PATH), DvEnvironment.POWER_BI_SCOPE, tokens, server.clientTls());
    }

    public DvEnvironment test() {
        return test;
    }

    @Override
    public DvEnvironment environment(String name) {
        if (!name.equals("test")) {
            throw new UnknownEnvironmentException(name, names());
        }
        return test;
    }

    @Override
    public Set<String> names() {
        return Set.of("test");
    }
}
