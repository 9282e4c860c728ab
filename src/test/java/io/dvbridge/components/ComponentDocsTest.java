package io.dvbridge.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/components.md shows the option and header tables of the generated catalogs (dataverse.json, powerbi.json)
 * exactly: an option or header added, renamed, retyped, given another default or description fails here.
 * {@code -Ddvbridge.docs.update=true} rewrites the tables from the catalogs.
 */
class ComponentDocsTest {

    private static final Path DOC = Path.of(System.getProperty("dvbridge.home", "."), "docs", "components.md");
    private static final Map<String, String> CATALOGS = Map.of(
            "dataverse", "META-INF/io/dvbridge/dataverse/dataverse.json",
            "powerbi", "META-INF/io/dvbridge/powerbi/powerbi.json");
    private static final String END = "<!-- end of generated table -->";

    static Stream<Arguments> tables() {
        return Stream.of("dataverse", "powerbi").flatMap(scheme -> Stream.of("componentProperties", "properties", "headers")
                .map(section -> Arguments.of(scheme, section)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tables")
    void the_docs_table_is_the_catalogs(String scheme, String section) throws IOException {
        String expected = table(catalog(scheme).path(section), section.equals("headers"));
        String doc = Files.readString(DOC);
        String marker = marker(scheme, section);
        assertThat(doc).as("docs/components.md needs a table starting with " + marker).contains(marker);
        int start = doc.indexOf(marker) + marker.length() + 1;
        int end = doc.indexOf(END, start);
        assertThat(end).as("the table after " + marker + " ends with " + END).isPositive();
        String documented = doc.substring(start, end);
        if (Boolean.getBoolean("dvbridge.docs.update") && !documented.equals(expected)) {
            Path temporary = DOC.resolveSibling(DOC.getFileName() + ".tmp");
            Files.writeString(temporary, doc.substring(0, start) + expected + doc.substring(end));
            Files.move(temporary, DOC, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            documented = expected;
        }
        assertThat(documented).as("docs/components.md %s (regenerate with -Ddvbridge.docs.update=true)", marker)
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tables")
    void every_option_and_header_has_a_type_and_a_description(String scheme, String section) throws IOException {
        catalog(scheme).path(section).properties().forEach(entry -> {
            assertThat(entry.getValue().path("javaType").asText()).as(scheme + " " + entry.getKey() + " type").isNotBlank();
            assertThat(entry.getValue().path("description").asText()).as(scheme + " " + entry.getKey() + " description").isNotBlank();
        });
    }

    static String marker(String scheme, String section) {
        return "<!-- generated from " + scheme + ".json " + section + " by ComponentDocsTest -->";
    }

    private static JsonNode catalog(String scheme) throws IOException {
        try (InputStream in = ComponentDocsTest.class.getClassLoader().getResourceAsStream(CATALOGS.get(scheme))) {
            assertThat(in).as("the generated catalog " + CATALOGS.get(scheme) + " on the classpath").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    private static String table(JsonNode entries, boolean headers) {
        List<String> lines = new ArrayList<>();
        if (headers) {
            lines.add("| Header | Type | Description |");
            lines.add("|---|---|---|");
        } else {
            lines.add("| Option | Group | Type | Default | Description |");
            lines.add("|---|---|---|---|---|");
        }
        entries.properties().forEach(entry -> {
            JsonNode option = entry.getValue();
            String type = code(shortType(option));
            String description = cell(option.path("description").asText());
            if (headers) {
                lines.add("| " + code(entry.getKey()) + " | " + type + " | " + description + " |");
            } else {
                String name = option.path("kind").asText().equals("path") ? entry.getKey() + " (path)" : entry.getKey();
                String required = option.path("required").asBoolean() ? "**required**" : "";
                String defaultValue = option.has("defaultValue") ? code(option.path("defaultValue").asText()) : required;
                lines.add("| " + code(name) + " | " + option.path("group").asText() + " | " + type + " | " + defaultValue
                        + " | " + description + " |");
            }
        });
        return String.join("\n", lines) + "\n";
    }

    private static String shortType(JsonNode option) {
        if (option.has("enum")) {
            List<String> values = new ArrayList<>();
            option.path("enum").forEach(v -> values.add(v.asText()));
            return String.join(" \\| ", values);
        }
        return option.path("javaType").asText().replace("java.lang.", "").replace("java.util.", "").replace("java.time.", "");
    }

    private static String code(String text) {
        return text.isEmpty() ? "" : "`" + text + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
