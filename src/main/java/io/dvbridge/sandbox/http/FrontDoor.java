package io.dvbridge.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The HTTPS listener of the sandbox: turns JDK HttpServer exchanges into {@link SandboxRequest}s,
 * hands them to a dispatcher and writes the {@link SandboxResponse} back.
 */
public final class FrontDoor implements AutoCloseable {

    static {
        // The JDK server leaves Nagle's algorithm on unless told otherwise; with delayed ACKs that adds
        // ~40 ms to many small responses, a cost no real service has and one that would distort every
        // request-per-row comparison. Read once, when the JDK's server configuration first loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpsServer server;
    private final ExecutorService workers;

    public FrontDoor(String bindAddress, int port, SSLContext tls) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(bindAddress, port), 256);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        workers = Executors.newFixedThreadPool(96, runnable -> {
            Thread t = new Thread(runnable, "sandbox-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Starts serving; {@code dispatcher} must answer every request (it may return connectionReset). */
    public void start(Function<SandboxRequest, SandboxResponse> dispatcher) {
        server.createContext("/", exchange -> serve(exchange, dispatcher));
        server.start();
    }

    private static void serve(HttpExchange exchange, Function<SandboxRequest, SandboxResponse> dispatcher) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            var uri = exchange.getRequestURI();
            SandboxRequest request = new SandboxRequest(exchange.getRequestMethod(), uri.getRawPath(),
                    uri.getRawQuery(), exchange.getRequestHeaders(), body);
            SandboxResponse response;
            try {
                response = dispatcher.apply(request);
            } catch (RuntimeException e) {
                response = SandboxResponse.json(500, Json.errorBody("0x80040216", "An unexpected error occurred."));
            }
            if (response.dropConnection()) {
                // Closing before any status line is sent drops the connection: the client sees it reset.
                return;
            }
            for (Map.Entry<String, String> h : response.headers().entrySet()) {
                exchange.getResponseHeaders().set(h.getKey(), h.getValue());
            }
            boolean noBody = response.body().length == 0 || "HEAD".equals(request.method());
            int status = response.status();
            exchange.sendResponseHeaders(status, status == 204 || status == 304 || noBody ? -1 : response.body().length);
            if (!noBody && status != 204 && status != 304) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
