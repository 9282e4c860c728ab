package io.dvbridge.sandbox.http;

/** A service of the sandbox tenant (Entra ID, one Dataverse environment, Power BI, admin). */
public interface SandboxService {

    /** Handles a request whose path starts with this service's prefix. Never throws for bad input. */
    SandboxResponse handle(SandboxRequest request, RequestContext context);
}
