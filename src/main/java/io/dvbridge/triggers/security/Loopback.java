package io.dvbridge.triggers.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/** Whether a host name or address literal stays on this machine; names are never resolved through DNS. */
final class Loopback {

    private Loopback() {
    }

    static boolean isLoopback(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.equals("localhost")) {
            return true;
        }
        if (name.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            int[] octets = Arrays.stream(name.split("\\.")).mapToInt(Integer::parseInt).toArray();
            return octets[0] == 127 && Arrays.stream(octets).allMatch(o -> o <= 255);
        }
        String literal = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (!literal.contains(":") || !literal.matches("[0-9a-f:.]+")) {
            return false;
        }
        try {
            // A text with a colon is parsed as an IPv6 literal, never looked up.
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
