package io.dvbridge.cmt;

import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The checks a data.zip's directory passes before anything in it is read: not too many entries, no name
 * that climbs out of a folder once extracted, and each of the tool's files at most once (with two
 * {@code data.xml}, one reader would take the first and an extracting tool the last).
 */
final class ZipEntries {

    private static final Set<String> ONCE = Set.of("data.xml", "data_schema.xml", "schema.xml", "[content_types].xml");

    private ZipEntries() {
    }

    /**
     * @return the {@code data.xml} entry, when there is one
     * @throws CmtFormatException naming the entry and the rule it breaks
     */
    static Optional<ZipEntry> check(ZipFile zip, String zipName, CmtLimits limits) {
        if (zip.size() > limits.maxEntries()) {
            throw new CmtFormatException(zipName, 0, 0, zip.size() + " entries, more than " + CmtLimits.MAX_ENTRIES + " = "
                    + limits.maxEntries() + " (a data.zip holds 3); raise that limit only if the file is genuine");
        }
        Map<String, String> seen = new HashMap<>();
        ZipEntry data = null;
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName();
            if (escapes(name)) {
                throw new CmtFormatException(zipName, 0, 0, "entry '" + printable(name)
                        + "' has an absolute path or '..' in its name (path traversal); a data.zip holds plain file names");
            }
            String key = name.toLowerCase(Locale.ROOT);
            if (ONCE.contains(key) && seen.putIfAbsent(key, name) != null) {
                throw new CmtFormatException(zipName, 0, 0, "'" + name + "' is in the zip twice; which one is meant cannot be told");
            }
            if (name.equals("data.xml")) {
                data = entry;
                // The declared size can lie; the reader counts the bytes anyway. An honest one is refused at once.
                if (entry.getSize() > limits.maxDataBytes()) {
                    throw BoundedXmlInput.tooLarge("data.xml", limits);
                }
            }
        }
        return Optional.ofNullable(data);
    }

    private static boolean escapes(String name) {
        String path = name.replace('\\', '/');
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.indexOf('\0') >= 0) {
            return true;
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String printable(String name) {
        String shown = name.replaceAll("\\p{Cntrl}", "?");
        return shown.length() <= 80 ? shown : shown.substring(0, 80) + "...";
    }
}
