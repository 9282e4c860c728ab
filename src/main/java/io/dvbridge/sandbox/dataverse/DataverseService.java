package io.dvbridge.sandbox.dataverse;

import io.dvbridge.sandbox.entra.TokenVerifier;
import io.dvbridge.sandbox.fixture.EnvironmentSpec;
import io.dvbridge.sandbox.http.RequestContext;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;
import io.dvbridge.sandbox.http.SandboxService;
import io.dvbridge.sandbox.limits.ServiceProtection;

/** STUB to be replaced: the Dataverse Web API of one environment. */
public final class DataverseService implements SandboxService {

    public DataverseService(EnvironmentSpec spec, String tenantId, String resource, TokenVerifier verifier,
                            ServiceProtection limits, long seed) {
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, RequestContext context) {
        throw new UnsupportedOperationException();
    }
}
