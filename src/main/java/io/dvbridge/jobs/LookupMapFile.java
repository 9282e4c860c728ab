package io.dvbridge.jobs;

import io.dvbridge.cmt.StreamingImport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads an import's lookup mapping file ({@link DataImportRequest#lookupMap()}): lines
 * {@code <table>,<source id>,<target id>}, blank lines and {@code #} comments ignored. A bad line refuses
 * the request, naming the line (a half-applied mapping would bind some rows to the wrong owner).
 */
final class LookupMapFile {

    static final String FIELD = "lookupMap";
    /** Far more than any real mapping of users, teams and currencies; keeps a wrong file from filling memory. */
    static final long MAX_BYTES = 16L * 1024 * 1024;
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]*");

    private LookupMapFile() {
    }

    /** Source row key ({@link StreamingImport#mapKey}) to target id; empty without a file. */
    static Map<String, String> read(Optional<Path> file) {
        if (file.isEmpty()) {
            return Map.of();
        }
        List<String> lines;
        try {
            if (Files.size(file.get()) > MAX_BYTES) {
                throw new InvalidRequestException(FIELD, "the lookup map is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            lines = Files.readAllLines(file.get(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidRequestException(FIELD, "the lookup map cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> map = new HashMap<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(",", -1);
            if (parts.length != 3) {
                throw new InvalidRequestException(FIELD, "the lookup map, line " + n + ": expected <table>,<source id>,<target id>");
            }
            String table = parts[0].strip().toLowerCase(Locale.ROOT);
            if (!TABLE.matcher(table).matches()) {
                throw new InvalidRequestException(FIELD, "the lookup map, line " + n + ": '" + parts[0].strip() + "' is not a table's logical name");
            }
            String source = guid(parts[1], n, "source id");
            String target = guid(parts[2], n, "target id");
            String previous = map.put(StreamingImport.mapKey(table, source), target);
            if (previous != null && !previous.equals(target)) {
                throw new InvalidRequestException(FIELD, "the lookup map, line " + n + ": " + table + " " + source
                        + " is mapped twice, to " + previous + " and " + target);
            }
        }
        return map;
    }

    private static String guid(String text, int line, String what) {
        try {
            return UUID.fromString(text.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(FIELD, "the lookup map, line " + line + ": the " + what + " '" + text.strip() + "' is not a GUID");
        }
    }
}
