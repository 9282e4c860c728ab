package io.dvbridge.http;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.time.Duration;

/** Builds the one {@link HttpClient} an environment uses: HTTP/1.1, its own TLS context, a connect timeout. */
public final class HttpClients {

    private HttpClients() {
    }

    public static HttpClient forEnvironment(SSLContext tls, Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
