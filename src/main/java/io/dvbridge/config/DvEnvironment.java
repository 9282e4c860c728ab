package io.dvbridge.config;

import io.dvbridge.auth.TokenSource;

import javax.net.ssl.SSLContext;
import java.net.URI;

/**
 * A named environment as configured: its Dataverse organization URL (e.g.
 * {@code https://contoso.crm.dynamics.com}), Power BI API base URL, how to get tokens, and the TLS
 * context to call them with. Requests name an environment, never a URL, so a token only ever goes
 * to hosts that configuration named. {@code pool} names other configured environments of the same organization,
 * each with its own application user (credential), over which bulk writes may spread their requests.
 */
public record DvEnvironment(String name, URI dataverseUrl, URI powerBiApiUrl, String powerBiScope, TokenSource tokens,
                            SSLContext tls, java.util.List<String> pool) {

    public DvEnvironment {
        pool = pool == null ? java.util.List.of() : java.util.List.copyOf(pool);
    }

    /** An environment without a pool of further application users. */
    public DvEnvironment(String name, URI dataverseUrl, URI powerBiApiUrl, String powerBiScope, TokenSource tokens, SSLContext tls) {
        this(name, dataverseUrl, powerBiApiUrl, powerBiScope, tokens, tls, java.util.List.of());
    }

    public static final String POWER_BI_SCOPE = "https://analysis.windows.net/powerbi/api/.default";

    /** {@code <dataverseUrl>/api/data/v9.2/} */
    public URI dataverseApiUrl() {
        return URI.create(trimSlash(dataverseUrl.toString()) + "/api/data/v9.2/");
    }

    /** {@code <dataverseUrl>/.default} */
    public String dataverseScope() {
        return trimSlash(dataverseUrl.toString()) + "/.default";
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
