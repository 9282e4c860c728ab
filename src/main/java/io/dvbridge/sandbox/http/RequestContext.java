package io.dvbridge.sandbox.http;

/**
 * What the front door learned about a request that a service may enrich: the caller, once a service
 * has verified its token, and the environment it addressed. Both feed the request log.
 */
public final class RequestContext {
    private volatile String caller = "";
    private volatile String target = "";

    public String caller() {
        return caller;
    }

    public void caller(String appId) {
        this.caller = appId == null ? "" : appId;
    }

    public String target() {
        return target;
    }

    public void target(String environmentOrService) {
        this.target = environmentOrService == null ? "" : environmentOrService;
    }
}
