package io.dvbridge.sandbox.entra;

import io.dvbridge.sandbox.fixture.TenantSpec;
import io.dvbridge.sandbox.http.RequestContext;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;
import io.dvbridge.sandbox.http.SandboxService;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** STUB to be replaced: Entra ID token endpoints and token verification. */
public final class EntraService implements SandboxService, TokenVerifier {

    private final List<TenantSpec> tenants;

    public EntraService(List<TenantSpec> tenants, String baseUrl, Clock clock) {
        this.tenants = tenants;
    }

    public void tokenLifetime(Duration lifetime) {
    }

    public Optional<String> tenantId(String idOrName) {
        return tenants.stream().filter(t -> t.id().equalsIgnoreCase(idOrName) || idOrName.equalsIgnoreCase(t.name()))
                .map(TenantSpec::id).findFirst();
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, RequestContext context) {
        throw new UnsupportedOperationException();
    }

    @Override
    public VerifiedToken verify(Optional<String> bearer, String expectedAudience) throws InvalidTokenException {
        throw new InvalidTokenException("stub");
    }
}
