package io.dvbridge.triggers.security;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The door of the trigger API, asked once per request: is the Host one we answer for (421 if not,
 * before anything else, so a DNS-rebinding page learns nothing), who is calling (an Entra ID bearer
 * token, or an API key in {@code X-API-Key} or {@code Authorization: ApiKey}; 401 if none or
 * invalid), and may they do this (403). With no credential configured, a key is generated at start
 * into an owner-only file that {@link #describe()} points to; there is no unauthenticated mode.
 * A bind beyond loopback needs a configured Host allow-list and configured credentials
 * ({@link #requireSafeBinding(String)}).
 */
public final class ApiGuard {

    static final String REALM = "dvbridge";
    static final String GENERATED_KEY_NAME = "generated";
    private static final String API_KEY_HEADER = "X-API-Key";

    private final SecuritySettings settings;
    private final HostAllowList hosts;
    private final ApiKeyRing keys;
    private final Optional<EntraTokenValidator> entra;
    private final Optional<Path> generatedKeyFile;
    private final CorsPolicy cors;

    private ApiGuard(SecuritySettings settings, HostAllowList hosts, ApiKeyRing keys, Optional<EntraTokenValidator> entra,
                     Optional<Path> generatedKeyFile, CorsPolicy cors) {
        this.settings = settings;
        this.hosts = hosts;
        this.keys = keys;
        this.entra = entra;
        this.generatedKeyFile = generatedKeyFile;
        this.cors = cors;
    }

    /**
     * Builds the guard; with no credential configured, reads or generates the key file first.
     * Entra ID's signing keys are read at the first bearer token, not here, so a tenant that is
     * briefly unreachable does not stop the server (those requests get 503 until it answers).
     *
     * @param trust the TLS trust for the tenant's discovery documents and key set
     * @throws SecurityConfigurationException when the settings or the key file cannot be used, or
     *                                        the server binds beyond loopback without what that needs
     */
    public static ApiGuard create(SecuritySettings settings, SSLContext trust, Clock clock) {
        HostAllowList hosts = HostAllowList.parse(settings.allowedHosts(), settings.serverPort());
        checkBinding(settings, hosts, settings.bindHost());
        Optional<Path> generated = Optional.empty();
        List<SecuritySettings.ApiKeySetting> keySettings = new ArrayList<>(settings.apiKeys());
        if (settings.apiKeys().isEmpty() && settings.entra().isEmpty()) {
            String key = GeneratedKeyFile.loadOrCreate(settings.generatedKeyFile());
            keySettings.add(new SecuritySettings.ApiKeySetting(GENERATED_KEY_NAME, key, EnumSet.allOf(Permission.class)));
            generated = Optional.of(settings.generatedKeyFile().toAbsolutePath());
        }
        Optional<EntraTokenValidator> entra = settings.entra().map(e ->
                new EntraTokenValidator(new TenantSigningKeys(e.authority(), trust, clock), e, clock));
        return new ApiGuard(settings, hosts, ApiKeyRing.of(keySettings), entra, generated, CorsPolicy.of(settings.corsAllowedOrigins()));
    }

    /**
     * Refuses to serve beyond loopback unless that was configured on purpose: the Host allow-list
     * must be set explicitly (the default names loopback only, so every remote client would get 421),
     * and the credentials must be configured ones (named keys or Entra ID): the generated key is for
     * the local user; copied to other machines it becomes a shared secret no audit line can tell apart.
     *
     * @param bindHost the address the HTTP server listens on ({@code camel.server.host})
     * @throws SecurityConfigurationException saying what to configure
     */
    public void requireSafeBinding(String bindHost) {
        checkBinding(settings, hosts, bindHost);
    }

    private static void checkBinding(SecuritySettings settings, HostAllowList hosts, String bindHost) {
        if (Loopback.isLoopback(bindHost)) {
            return;
        }
        String exposure = SecuritySettings.SERVER_HOST + "=" + bindHost + " makes the API reachable from other machines";
        if (settings.apiKeys().isEmpty() && settings.entra().isEmpty()) {
            throw new SecurityConfigurationException(exposure + ", but no credential is configured (the generated key is for "
                    + "local use only). Configure named keys (" + SecuritySettings.KEYS + ") or Entra ID ("
                    + SecuritySettings.ENTRA_AUTHORITY + ", " + SecuritySettings.ENTRA_AUDIENCE + "), or bind 127.0.0.1.");
        }
        if (!settings.allowedHostsConfigured()) {
            throw new SecurityConfigurationException(exposure + ", but " + SecuritySettings.ALLOWED_HOSTS + " is not set, so "
                    + "only loopback names would be answered. Name the hosts clients call it by, e.g. "
                    + SecuritySettings.ALLOWED_HOSTS + " = dvbridge.example.com:" + settings.serverPort() + ", or bind 127.0.0.1.");
        }
    }

    /**
     * Checks one request. Header names are compared ignoring case.
     *
     * @param host    the request's Host header; null or blank when it had none (refused like a foreign one)
     * @param needed  what the request does
     * @return the authenticated caller, holding {@code needed}
     * @throws ApiAccessException 421, 401, 403 or 503 (see there)
     */
    public Caller check(String host, Map<String, String> headers, Permission needed) {
        checkHost(host);
        Caller caller = authenticate(headers);
        if (!caller.may(needed)) {
            throw forbidden(caller, needed);
        }
        return caller;
    }

    /**
     * The Host check alone, for answers that need no credentials (a CORS preflight carries none).
     *
     * @throws ApiAccessException 421 for a Host not on the allow-list, or none
     */
    public void checkHost(String host) {
        if (!hosts.allows(Optional.ofNullable(host))) {
            throw ApiAccessException.misdirected("This server does not answer for the Host this request names (see "
                    + SecuritySettings.ALLOWED_HOSTS + ")");
        }
    }

    private Caller authenticate(Map<String, String> rawHeaders) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        rawHeaders.forEach((name, value) -> {
            if (name != null && value != null && !value.isBlank()) {
                headers.put(name, value.trim());
            }
        });
        Optional<String> authorization = Optional.ofNullable(headers.get("Authorization"));
        Optional<String> apiKey = Optional.ofNullable(headers.get(API_KEY_HEADER));
        if (authorization.isPresent() && apiKey.isPresent()) {
            throw ApiAccessException.unauthorized("Send one credential, either Authorization or " + API_KEY_HEADER, challenges());
        }
        if (apiKey.isPresent()) {
            return byApiKey(apiKey.get());
        }
        if (authorization.isEmpty()) {
            throw ApiAccessException.unauthorized("This API needs credentials: " + accepted(), challenges());
        }
        String value = authorization.get();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        String credential = space < 0 ? "" : value.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return byBearerToken(credential);
        }
        if (scheme.equalsIgnoreCase("ApiKey")) {
            return byApiKey(credential);
        }
        throw ApiAccessException.unauthorized("This Authorization scheme is not accepted: " + accepted(), challenges());
    }

    private Caller byApiKey(String key) {
        if (keys.isEmpty()) {
            throw ApiAccessException.unauthorized("API keys are not accepted here: " + accepted(), challenges());
        }
        return keys.caller(key).orElseThrow(() -> ApiAccessException.unauthorized("The API key is not valid",
                apiKeyChallenge()));
    }

    private Caller byBearerToken(String token) {
        EntraTokenValidator validator = entra.orElseThrow(() -> ApiAccessException.unauthorized(
                "Bearer tokens are not accepted here: " + accepted(), challenges()));
        if (token.isEmpty()) {
            throw ApiAccessException.unauthorized("The Authorization header holds no bearer token", bearerChallenge());
        }
        try {
            return validator.caller(token);
        } catch (EntraTokenValidator.InvalidToken e) {
            throw ApiAccessException.unauthorized(e.getMessage(), bearerChallenge() + ", error=\"invalid_token\", error_description=\""
                    + e.getMessage() + "\"");
        }
    }

    private static ApiAccessException forbidden(Caller caller, Permission needed) {
        if (caller.kind().equals(Caller.ENTRA)) {
            String message = "The application " + caller.name() + " has not been assigned the app role " + needed.role();
            return ApiAccessException.forbidden(message, Optional.of("Bearer realm=\"" + REALM
                    + "\", error=\"insufficient_scope\", error_description=\"" + message + "\""));
        }
        return ApiAccessException.forbidden("The API key '" + caller.name() + "' does not grant " + needed.role(), Optional.empty());
    }

    private String accepted() {
        List<String> ways = new ArrayList<>();
        if (entra.isPresent()) {
            ways.add("an Entra ID access token (Authorization: Bearer)");
        }
        if (!keys.isEmpty()) {
            ways.add("an API key (" + API_KEY_HEADER + ": <key> or Authorization: ApiKey <key>)");
        }
        return "send " + String.join(" or ", ways);
    }

    private String challenges() {
        List<String> challenges = new ArrayList<>();
        entra.ifPresent(e -> challenges.add(bearerChallenge()));
        if (!keys.isEmpty()) {
            challenges.add(apiKeyChallenge());
        }
        return String.join(", ", challenges);
    }

    private static String bearerChallenge() {
        return "Bearer realm=\"" + REALM + "\"";
    }

    private static String apiKeyChallenge() {
        return "ApiKey realm=\"" + REALM + "\"";
    }

    /**
     * The CORS headers for a request from a browser {@code origin}: empty unless the origin is in
     * {@code dvbridge.api.cors.allowed-origins}; for a preflight (OPTIONS with
     * {@code Access-Control-Request-Method}) also the methods, headers and max age.
     */
    public Map<String, String> corsHeaders(Optional<String> origin, boolean preflight) {
        return cors.headers(origin, preflight);
    }

    /** The largest request body to read ({@code dvbridge.api.max-body-bytes}); a larger one is answered 413. */
    public long maxBodyBytes() {
        return settings.maxBodyBytes();
    }

    /** The key file, when a key was generated (or reused) because no credential is configured. */
    public Optional<Path> generatedKeyFile() {
        return generatedKeyFile;
    }

    /** One line for the start banner: how callers authenticate, the Hosts answered, CORS; never a key. */
    public String describe() {
        List<String> modes = new ArrayList<>();
        settings.entra().ifPresent(e -> modes.add("Entra ID tokens for " + e.audience()
                + e.clientId().map(id -> " (or " + id + ")").orElse("") + " from " + e.authority()
                + " with app roles " + Permission.RUN_JOBS.role() + " / " + Permission.READ_RUNS.role()));
        if (!settings.apiKeys().isEmpty()) {
            modes.add("API keys " + keys.names());
        }
        generatedKeyFile.ifPresent(file -> modes.add("the API key generated at start in " + file
                + " (send it as " + API_KEY_HEADER + ": <key>)"));
        String binding = Loopback.isLoopback(settings.bindHost()) ? ""
                : "LISTENING BEYOND LOOPBACK on " + settings.bindHost() + ". ";
        return binding + "API access: " + String.join(" + ", modes) + "; Hosts answered: " + String.join(", ", hosts.describe())
                + "; CORS: " + (cors.isOff() ? "off" : String.join(", ", cors.origins()))
                + "; request bodies up to " + settings.maxBodyBytes() + " bytes";
    }
}
