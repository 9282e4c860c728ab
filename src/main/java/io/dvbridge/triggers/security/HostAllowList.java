package io.dvbridge.triggers.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Host header values this server answers. A browser page whose DNS name was rebound to 127.0.0.1
 * still sends its own name as Host, so a request naming any other host is refused before credentials
 * are looked at. An entry {@code host:port} matches exactly; an entry {@code host} matches that name
 * without a port (a reverse proxy on the scheme's default port) or with the server's own port, any
 * port when the server takes an ephemeral one (port 0: tests), which still refuses every foreign name.
 */
final class HostAllowList {

    private record Entry(String name, OptionalInt port) {
    }

    private record HostHeader(String name, OptionalInt port) {
    }

    private final List<Entry> entries;
    private final int serverPort;

    private HostAllowList(List<Entry> entries, int serverPort) {
        this.entries = List.copyOf(entries);
        this.serverPort = serverPort;
    }

    /** @throws SecurityConfigurationException naming an entry that is not {@code host} or {@code host:port} */
    static HostAllowList parse(List<String> values, int serverPort) {
        if (values.isEmpty()) {
            throw new SecurityConfigurationException(SecuritySettings.ALLOWED_HOSTS + " is empty: name the hosts clients call "
                    + "this server by (host or host:port)");
        }
        List<Entry> entries = new ArrayList<>();
        for (String value : values) {
            HostHeader parsed = split(value).orElseThrow(() -> new SecurityConfigurationException(SecuritySettings.ALLOWED_HOSTS
                    + " lists '" + value + "', which is not host or host:port (IPv6 in brackets, e.g. [::1]:8080)"));
            entries.add(new Entry(parsed.name(), parsed.port()));
        }
        return new HostAllowList(entries, serverPort);
    }

    boolean allows(Optional<String> hostHeader) {
        Optional<HostHeader> host = hostHeader.map(String::trim).flatMap(HostAllowList::split);
        return host.isPresent() && entries.stream().anyMatch(e -> matches(e, host.get()));
    }

    private boolean matches(Entry entry, HostHeader host) {
        if (!entry.name().equals(host.name())) {
            return false;
        }
        if (entry.port().isPresent()) {
            return host.port().equals(entry.port());
        }
        return host.port().isEmpty() || serverPort == 0 || host.port().getAsInt() == serverPort;
    }

    /** Whether any entry names a host other than a loopback name or address. */
    boolean namesNonLoopbackHost() {
        return entries.stream().anyMatch(e -> !Loopback.isLoopback(e.name()));
    }

    List<String> describe() {
        return entries.stream().map(e -> e.name() + e.port().stream().mapToObj(p -> ":" + p).findFirst().orElse("")).toList();
    }

    /** {@code name[:port]} or {@code [v6]:port}, lower-cased; empty when malformed. */
    private static Optional<HostHeader> split(String value) {
        String name;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            name = value.substring(0, close + 1);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return Optional.empty();
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = value.indexOf(':');
            name = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? null : value.substring(colon + 1);
        }
        if (name.isEmpty() || !name.matches("\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+")) {
            return Optional.empty();
        }
        if (port == null) {
            return Optional.of(new HostHeader(name.toLowerCase(Locale.ROOT), OptionalInt.empty()));
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            return Optional.empty();
        }
        return Optional.of(new HostHeader(name.toLowerCase(Locale.ROOT), OptionalInt.of(Integer.parseInt(port))));
    }
}
