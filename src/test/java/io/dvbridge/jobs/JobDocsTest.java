package io.dvbridge.jobs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/jobs.md documents every job's request as its type declares it: one table per job, made from the request
 * schema, so the docs cannot drift from what the CLI, REST, the queue and schedules accept.
 * {@code -Ddvbridge.docs.update=true} rewrites the tables from the schemas.
 */
class JobDocsTest {

    private static final Path DOC = Path.of(System.getProperty("dvbridge.home", "."), "docs", "jobs.md");
    private static final String END = "<!-- end of generated table -->";

    static List<String> jobs() {
        return JobCatalog.standard().names();
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void the_docs_table_of_each_job_is_its_request_schema(String name) throws Exception {
        JobDefinition<?> job = JobCatalog.standard().require(name, "job");
        String doc = Files.readString(DOC);
        String marker = "<!-- generated from the " + name + " request by JobDocsTest -->";
        assertThat(doc).as("docs/jobs.md needs a table starting with " + marker).contains(marker);
        int start = doc.indexOf(marker) + marker.length() + 1;
        int end = doc.indexOf(END, start);
        assertThat(end).as("the table after " + marker + " ends with " + END).isPositive();
        String expected = table(job);
        if (Boolean.getBoolean("dvbridge.docs.update") && !doc.substring(start, end).equals(expected)) {
            Path temporary = Files.createTempFile(DOC.getParent(), ".jobs.md.", ".tmp");
            Files.writeString(temporary, doc.substring(0, start) + expected + doc.substring(end));
            Files.move(temporary, DOC, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            doc = Files.readString(DOC);
        }
        assertThat(doc.substring(start, doc.indexOf(END, start))).as("docs/jobs.md, job %s (regenerate with -Ddvbridge.docs.update=true)", name)
                .isEqualTo(expected);
    }

    private static String table(JobDefinition<?> job) {
        StringBuilder out = new StringBuilder("| field (JSON) | CLI | schedule key | type | required | default | meaning |\n|---|---|---|---|---|---|---|\n");
        for (RequestField field : job.schema().fields()) {
            out.append("| `").append(field.name()).append("` | ")
                    .append(field.cliNames().stream().map(n -> "`" + n + "`").collect(Collectors.joining(" ")))
                    .append(" | `dvbridge.schedule.<name>.").append(field.kebabName()).append("` | ").append(type(field))
                    .append(" | ").append(field.required() ? "yes" : "").append(" | ")
                    .append(field.param().defaultValue().isEmpty() ? "" : "`" + field.param().defaultValue() + "`").append(" | ")
                    .append(field.description().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    private static String type(RequestField field) {
        String type = switch (field.kind()) {
            case READS_ENVIRONMENT -> "environment (read)";
            case WRITES_ENVIRONMENT -> "environment (written)";
            case SCHEMA_FILE -> "schema file";
            case INPUT_FILE -> "input file";
            case OUTPUT_FILE -> "output file";
            case INPUT_SOURCE -> "input file, JDBC URL or queue";
            case EXPORT_TARGET -> "export target, embedded or folder";
            case VALUE -> !field.enumNames().isEmpty() ? String.join(" \\| ", field.enumNames()) : field.isList() ? "string" : field.jsonType();
        };
        if (field.param().min() != Long.MIN_VALUE || field.param().max() != Long.MAX_VALUE) {
            type += " " + field.param().min() + "-" + field.param().max();
        }
        if (!field.param().patternName().isEmpty()) {
            type += " (" + field.param().patternName() + ")";
        }
        return field.isList() ? "list of " + type : type;
    }
}
