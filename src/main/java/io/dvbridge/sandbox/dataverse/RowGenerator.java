package io.dvbridge.sandbox.dataverse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)(?::([^}]*))?}");
    private final Map<String, String> templates;
    private final SplittableRandom random;

    RowGenerator(Map<String, String> templates, long seed) {
        this.templates = new LinkedHashMap<>(templates);
        this.random = new SplittableRandom(seed);
    }

    Map<String, Object> row(int n) {
        Map<String, Object> row = new LinkedHashMap<>();
        templates.forEach((column, template) -> {
            if (!template.startsWith("{uuid5:")) {
                row.put(column, expand(column, template, n));
            }
        });
        templates.forEach((column, template) -> {
            if (template.startsWith("{uuid5:")) {
                String source = template.substring("{uuid5:".length(), template.length() - 1);
                if (!template.endsWith("}") || !(row.get(source) instanceof String name)) {
                    throw new IllegalArgumentException("Generator " + template + " of column " + column
                            + " must be exactly {uuid5:COLUMN} naming another generated column");
                }
                row.put(column, Guids.nameBased(Guids.IDENTIFIER_NAMESPACE, name).toString());
            }
        });
        row.values().removeIf(v -> v == null);
        return row;
    }

    private String expand(String column, String template, int n) {
        if (template.equals("{null}")) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String kind = m.group(1);
            String arg = m.group(2);
            String replacement = switch (kind) {
                case "n" -> arg == null ? Integer.toString(n) : String.format(arg, n);
                case "uuid" -> {
                    String[] parts = arg == null ? new String[] {column} : arg.split(":", 2);
                    int row = parts.length == 2 ? (n - 1) % Integer.parseInt(parts[1]) + 1 : n;
                    yield UUID.nameUUIDFromBytes((parts[0] + "#" + row).getBytes(StandardCharsets.UTF_8)).toString();
                }
                case "pick" -> {
                    String[] choices = arg.split("\\|", -1);
                    yield choices[(n - 1) % choices.length];
                }
                case "int" -> {
                    String[] bounds = arg.split(":");
                    yield Long.toString(random.nextLong(Long.parseLong(bounds[0]), Long.parseLong(bounds[1]) + 1));
                }
                default -> throw new IllegalArgumentException("Unknown generator {" + kind + "} in template '" + template + "'");
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
