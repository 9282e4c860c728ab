package io.dvbridge.sandbox.dataverse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes generated fixture rows from templates: literal text with placeholders {@code {n}} (1-based
 * row number), {@code {n:%06d}} (formatted), {@code {uuid}} (deterministic per row and column),
 * {@code {uuid:NAME}} (deterministic per row and NAME, so two tables can share ids), {@code {uuid:NAME:M}} (the
 * ids of rows 1 to M of {@code {uuid:NAME}} over and over: many rows point at one), {@code {uuid5:COLUMN}} (the
 * UUID v5 of this row's value of COLUMN under {@link Guids#IDENTIFIER_NAMESPACE}, for ids derived from an
 * Identifier; the template must be exactly this placeholder),
 * {@code {pick:a|b|c}} (cycles through the choices), {@code {int:MIN:MAX}} (seeded random) and
 * {@code {null}}. A template that is exactly {@code {null}} gives no value.
 */
final class RowGenerator {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9]+)(?::([^}]*))?}");
    private static final String UUID5 = "uuid5";
    /** Each column's template, parsed once: generating many rows then costs no pattern matching. */
    private final Map<String, List<Part>> templates = new LinkedHashMap<>();
    private final SplittableRandom random;

    /** Literal text ({@code kind} null) or one placeholder. */
    private record Part(String kind, String arg, String text) {
    }

    RowGenerator(Map<String, String> templates, long seed) {
        templates.forEach((column, template) -> this.templates.put(column, parse(column, template)));
        this.random = new SplittableRandom(seed);
    }

    private static List<Part> parse(String column, String template) {
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int literalFrom = 0;
        while (m.find()) {
            String kind = m.group(1);
            if (!List.of("n", "uuid", "pick", "int", "null", UUID5).contains(kind)) {
                throw new IllegalArgumentException("Unknown generator {" + kind + "} in template '" + template + "'");
            }
            if (m.start() > literalFrom) {
                parts.add(new Part(null, null, template.substring(literalFrom, m.start())));
            }
            parts.add(new Part(kind, m.group(2), null));
            literalFrom = m.end();
        }
        if (literalFrom < template.length()) {
            parts.add(new Part(null, null, template.substring(literalFrom)));
        }
        boolean derived = parts.stream().anyMatch(p -> UUID5.equals(p.kind()));
        if (derived && (parts.size() != 1 || parts.get(0).arg() == null)) {
            throw new IllegalArgumentException("Generator {uuid5:COLUMN} of column " + column + " must be the whole template");
        }
        if (parts.stream().anyMatch(p -> "null".equals(p.kind()))) {
            if (parts.size() != 1 || parts.get(0).arg() != null) {
                throw new IllegalArgumentException("Unknown generator {null} in template '" + template + "': {null} is a whole template");
            }
            return List.of();
        }
        return parts.isEmpty() ? List.of(new Part(null, null, "")) : parts;
    }

    Map<String, Object> row(int n) {
        Map<String, Object> row = new LinkedHashMap<>();
        templates.forEach((column, parts) -> {
            if (!parts.isEmpty() && !UUID5.equals(parts.get(0).kind())) {
                row.put(column, expand(column, parts, n));
            }
        });
        templates.forEach((column, parts) -> {
            if (!parts.isEmpty() && UUID5.equals(parts.get(0).kind())) {
                String source = parts.get(0).arg();
                if (!(row.get(source) instanceof String name)) {
                    throw new IllegalArgumentException("Generator {uuid5:" + source + "} of column " + column
                            + " must name another generated column");
                }
                row.put(column, Guids.nameBased(Guids.IDENTIFIER_NAMESPACE, name).toString());
            }
        });
        return row;
    }

    private String expand(String column, List<Part> parts, int n) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            String arg = part.arg();
            out.append(part.kind() == null ? part.text() : switch (part.kind()) {
                case "n" -> arg == null ? Integer.toString(n) : String.format(arg, n);
                case "uuid" -> {
                    String[] name = arg == null ? new String[] {column} : arg.split(":", 2);
                    int row = name.length == 2 ? (n - 1) % Integer.parseInt(name[1]) + 1 : n;
                    yield UUID.nameUUIDFromBytes((name[0] + "#" + row).getBytes(StandardCharsets.UTF_8)).toString();
                }
                case "pick" -> {
                    String[] choices = arg.split("\\|", -1);
                    yield choices[(n - 1) % choices.length];
                }
                case "int" -> {
                    String[] bounds = arg.split(":");
                    yield Long.toString(random.nextLong(Long.parseLong(bounds[0]), Long.parseLong(bounds[1]) + 1));
                }
                default -> "";
            });
        }
        return out.toString();
    }
}
