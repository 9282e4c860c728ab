package io.dvbridge.triggers;

import io.dvbridge.runs.RunNotFoundException;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The runs page's static files ({@code /ui}), from the classpath folder {@code ui/}. They hold no data and need no
 * credentials: the page asks for a key or token and sends it on every API call. Only the files named here are
 * served, so no request can reach another classpath resource.
 */
public final class UiFiles {

    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");

    /** {@code /ui} and {@code /ui/} are the page itself. */
    public byte[] file(Exchange exchange) {
        String name = exchange.getMessage().getHeader("file", "", String.class);
        if (name.isEmpty()) {
            name = "index.html";
        }
        String type = TYPES.get(name);
        if (type == null) {
            throw new RunNotFoundException("No page '" + name.replaceAll("[^A-Za-z0-9._-]", "?") + "'");
        }
        try (InputStream in = UiFiles.class.getResourceAsStream("/ui/" + name)) {
            if (in == null) {
                throw new IllegalStateException("The runs page's " + name + " is missing from the build");
            }
            exchange.setProperty("dvbridgeContentType", type);
            exchange.setProperty(JobRequests.HTTP_STATUS, 200);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
