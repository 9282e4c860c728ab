package io.dvbridge.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.dvbridge.sandbox.tls.SelfSignedCertificate;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scripted HTTPS server for client tests: records every request (raw URI as received, headers, body,
 * arrival time) and answers through a function the test supplies. Test-only; the real stand-in for
 * Dataverse and Power BI is the sandbox.
 */
public final class FakeHttpsServer implements AutoCloseable {

    /** A request as it arrived. {@code receivedNanos} is System.nanoTime() on arrival, for measuring waits. */
    public record Recorded(String method, String rawUri, Map<String, String> headers, String body, long receivedNanos) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        public String rawPath() {
            int q = rawUri.indexOf('?');
            return q < 0 ? rawUri : rawUri.substring(0, q);
        }
    }

    /** What the fake answers; {@code dropConnection} closes the socket without any response. */
    public record Reply(int status, Map<String, String> headers, String body, boolean dropConnection) {
        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json; odata.metadata=minimal"), body, false);
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", false);
        }

        public static Reply drop() {
            return new Reply(0, Map.of(), "", true);
        }

        public Reply withStatus(int newStatus) {
            return new Reply(newStatus, headers, body, dropConnection);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Reply(status, copy, body, dropConnection);
        }
    }

    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.forLocalhost();

    private final HttpsServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Recorded, Reply> responder = r -> Reply.status(404);

    public FakeHttpsServer() {
        try {
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(CERTIFICATE.serverContext()));
        server.createContext("/", this::handle);
        server.start();
    }

    public void respond(Function<Recorded, Reply> responder) {
        this.responder = responder;
    }

    /** Answers the n-th request (0-based) with replies.get(n), and later ones with the last reply. */
    public void respondInTurn(List<Reply> replies) {
        respond(r -> replies.get(Math.min(requests.size() - 1, replies.size() - 1)));
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code https://127.0.0.1:<port>} */
    public String origin() {
        return "https://127.0.0.1:" + port();
    }

    public SSLContext clientTls() {
        return CERTIFICATE.trustingContext();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body, now);
        requests.add(recorded);
        Reply reply;
        try {
            reply = responder.apply(recorded);
        } catch (RuntimeException e) {
            reply = Reply.json(500, "{\"error\":{\"code\":\"fake\",\"message\":\"" + e + "\"}}");
        }
        if (reply.dropConnection()) {
            exchange.close();
            return;
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static List<Reply> replies(Reply... replies) {
        return new ArrayList<>(List.of(replies));
    }
}
