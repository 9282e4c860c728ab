package io.dvbridge.config;

import io.dvbridge.export.JdbcUrls;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportTargetsTest {

    @Test
    void targets_are_read_by_name_and_never_print_their_password() {
        ExportTargets targets = new ExportTargets(Map.of("dvbridge.export.target.dw.url", "jdbc:postgresql://db:5432/dw",
                "dvbridge.export.target.dw.user", "exporter", "dvbridge.export.target.dw.password", "s3cret",
                "dvbridge.environment.x.url", "https://ignored"));
        assertThat(targets.names()).containsExactly("dw");
        ExportTargets.Target dw = targets.find("dw").orElseThrow();
        assertThat(dw.user()).isEqualTo("exporter");
        assertThat(dw.password()).isEqualTo("s3cret");
        assertThat(dw.toString()).doesNotContain("s3cret");
        assertThat(targets.find("jdbc:postgresql://db:5432/dw")).isEmpty();
    }

    @Test
    void a_target_without_a_jdbc_url_or_with_an_unknown_property_is_refused_naming_the_key() {
        assertThatThrownBy(() -> new ExportTargets(Map.of("dvbridge.export.target.dw.user", "x")))
                .hasMessageContaining("dvbridge.export.target.dw.url");
        assertThatThrownBy(() -> new ExportTargets(Map.of("dvbridge.export.target.dw.pasword", "x")))
                .hasMessageContaining("dvbridge.export.target.dw.pasword");
    }

    @Test
    void urls_are_masked_in_their_authority_query_and_property_lists() {
        assertThat(JdbcUrls.mask("jdbc:postgresql://me:pw@db:5432/x?user=me&password=pw&ssl=true"))
                .isEqualTo("jdbc:postgresql://***@db:5432/x?user=***&password=***&ssl=true");
        assertThat(JdbcUrls.mask("jdbc:sqlserver://db;databaseName=x;user=me;Password=pw;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db;databaseName=x;user=***;Password=***;encrypt=true");
        assertThat(JdbcUrls.mask("jdbc:h2:file:/tmp/x;USER=sa;PASSWORD=pw")).isEqualTo("jdbc:h2:file:/tmp/x;USER=***;PASSWORD=***");
        assertThat(JdbcUrls.mask("jdbc:mariadb://db:3306/x")).isEqualTo("jdbc:mariadb://db:3306/x");
    }
}
