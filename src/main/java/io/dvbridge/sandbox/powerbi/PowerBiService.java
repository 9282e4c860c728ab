package io.dvbridge.sandbox.powerbi;

import io.dvbridge.sandbox.entra.TokenVerifier;
import io.dvbridge.sandbox.fixture.PowerBiSpec;
import io.dvbridge.sandbox.http.RequestContext;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;
import io.dvbridge.sandbox.http.SandboxService;
import io.dvbridge.sandbox.limits.ServiceProtection;

import java.time.Clock;

/** STUB to be replaced: Power BI REST. */
public final class PowerBiService implements SandboxService {

    public PowerBiService(PowerBiSpec spec, TokenVerifier verifier, ServiceProtection limits, Clock clock) {
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, RequestContext context) {
        throw new UnsupportedOperationException();
    }
}
