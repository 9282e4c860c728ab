package io.dvbridge.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreSettingsTest {

    @Test
    void the_password_never_shows_in_the_settings_text() {
        StoreSettings settings = new StoreSettings("jdbc:postgresql://db.example:5432/dvbridge", "dvbridge", "s3cret-pw", 10);

        assertThat(settings.toString()).doesNotContain("s3cret-pw")
                .isEqualTo("StoreSettings[url=jdbc:postgresql://db.example:5432/dvbridge, username=dvbridge, password=***, maxPoolSize=10]");
    }

    @Test
    void credentials_carried_in_the_url_are_cut_from_the_url_shown() {
        assertThat(new StoreSettings("jdbc:postgresql://db.example:5432/dvbridge?user=u&password=s3cret-pw", "", "", 1).safeUrl())
                .isEqualTo("jdbc:postgresql://db.example:5432/dvbridge");
        assertThat(new StoreSettings("jdbc:h2:file:./state/dvbridge;USER=sa;PASSWORD=s3cret-pw", "", "", 1).safeUrl())
                .isEqualTo("jdbc:h2:file:./state/dvbridge");
        assertThat(new StoreSettings("jdbc:postgresql://u:s3cret-pw@db.example/dvbridge", "", "", 1).safeUrl())
                .isEqualTo("jdbc:postgresql://db.example/dvbridge");
    }

    @Test
    void the_dialect_follows_the_url_and_other_databases_are_refused_by_name() {
        assertThat(Dialect.of(new StoreSettings(StoreSettings.EMBEDDED_URL, "", "", 1))).isEqualTo(Dialect.H2);
        assertThat(Dialect.of(new StoreSettings("jdbc:postgresql://127.0.0.1/test", "", "", 1))).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.POSTGRESQL.quartzDelegateClass()).isEqualTo("org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        assertThat(Dialect.H2.quartzDelegateClass()).isEqualTo("org.quartz.impl.jdbcjobstore.StdJDBCDelegate");

        assertThatThrownBy(() -> Dialect.of(new StoreSettings("jdbc:mysql://db/dvbridge?password=s3cret-pw", "", "", 1)))
                .isInstanceOf(StateStoreException.class)
                .hasMessage("State store jdbc:mysql://db/dvbridge is not supported: use a jdbc:postgresql: URL, or jdbc:h2: for the embedded store");
    }

    @Test
    void an_empty_url_or_pool_is_refused() {
        assertThatThrownBy(() -> new StoreSettings(" ", "", "", 1)).hasMessage("The state store URL is empty");
        assertThatThrownBy(() -> new StoreSettings(StoreSettings.EMBEDDED_URL, "", "", 0))
                .hasMessage("The state store pool needs at least one connection, not 0");
    }
}
