package io.dvbridge.export;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL text of each dialect; SQL Server has no server here, so its text is what is checked (docs/export.md says so). */
class SqlDialectTest {

    private final TableLayout layout = new TableLayout(new SourceTable("msdynci_customerprofile", "msdynci_customerprofiles",
            "msdynci_customerprofileid", true, true, List.of(new SourceColumn("msdynci_identifier", ColumnKind.TEXT, "String", 400),
            new SourceColumn("msdynci_notes", ColumnKind.MEMO, "Memo", 0),
            new SourceColumn("ownerid", ColumnKind.LOOKUP, "Owner", 0, List.of("systemuser", "team"))), List.of()), "dvb");

    @Test
    void sql_server_merges_with_holdlock_and_a_version_guard_in_nvarchar_and_uniqueidentifier_columns() {
        SqlDialect sqlServer = SqlDialect.forUrl("jdbc:sqlserver://db.example:1433;databaseName=dvb");
        assertThat(sqlServer.createTable(layout)).isEqualTo("CREATE TABLE [dvb_msdynci_customerprofile] ([id] UNIQUEIDENTIFIER NOT NULL,"
                + " [partitionid] NVARCHAR(442) NOT NULL, [msdynci_identifier] NVARCHAR(400), [msdynci_notes] NVARCHAR(MAX),"
                + " [ownerid] UNIQUEIDENTIFIER, [ownerid_entitytype] NVARCHAR(128), [versionnumber] BIGINT, [sinkcreatedon] DATETIMEOFFSET,"
                + " [sinkmodifiedon] DATETIMEOFFSET, CONSTRAINT [pk_dvb_msdynci_customerprofile] PRIMARY KEY ([id], [partitionid]))");
        assertThat(sqlServer.upsert(layout, 2)).isEqualTo("MERGE INTO [dvb_msdynci_customerprofile] WITH (HOLDLOCK) t USING (VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?)) AS s ([id], [partitionid], [msdynci_identifier], [msdynci_notes],"
                + " [ownerid], [ownerid_entitytype], [versionnumber], [sinkcreatedon], [sinkmodifiedon]) ON t.[id] = s.[id] AND"
                + " t.[partitionid] = s.[partitionid] WHEN MATCHED AND (t.[versionnumber] IS NULL OR t.[versionnumber] <= s.[versionnumber])"
                + " THEN UPDATE SET [msdynci_identifier] = s.[msdynci_identifier], [msdynci_notes] = s.[msdynci_notes], [ownerid] = s.[ownerid],"
                + " [ownerid_entitytype] = s.[ownerid_entitytype], [sinkmodifiedon] = s.[sinkmodifiedon], [versionnumber] = s.[versionnumber]"
                + " WHEN NOT MATCHED THEN INSERT ([id], [partitionid], [msdynci_identifier], [msdynci_notes], [ownerid], [ownerid_entitytype],"
                + " [versionnumber], [sinkcreatedon], [sinkmodifiedon]) VALUES (s.[id], s.[partitionid], s.[msdynci_identifier],"
                + " s.[msdynci_notes], s.[ownerid], s.[ownerid_entitytype], s.[versionnumber], s.[sinkcreatedon], s.[sinkmodifiedon]);");
        assertThat(sqlServer.rowsPerStatement(layout)).isEqualTo(222);
        assertThat(sqlServer.deleteByIds("dvb_account", 2)).isEqualTo("DELETE FROM [dvb_account] WHERE [id] IN (?, ?)");
    }

    @Test
    void postgresql_merges_the_newest_version_of_each_key_from_its_copy_staging_table() {
        SqlDialect.PostgreSql postgres = new SqlDialect.PostgreSql();
        assertThat(postgres.mergeFromStaging(layout, "stage")).startsWith("INSERT INTO \"dvb_msdynci_customerprofile\" AS t (")
                .contains("SELECT DISTINCT ON (\"id\", \"partitionid\")")
                .contains("ORDER BY \"id\", \"partitionid\", \"versionnumber\" DESC")
                .endsWith("WHERE t.\"versionnumber\" IS NULL OR t.\"versionnumber\" <= EXCLUDED.\"versionnumber\"");
        assertThat(postgres.copyInto(layout, "stage")).endsWith("FROM STDIN WITH (FORMAT csv)");
    }

    @Test
    void mariadb_assigns_versionnumber_last_so_the_guard_reads_the_old_version() {
        String upsert = SqlDialect.forUrl("jdbc:mariadb://localhost/db").upsert(layout, 1);
        assertThat(upsert).contains("ON DUPLICATE KEY UPDATE").endsWith("`versionnumber` = IF(`versionnumber` IS NULL OR `versionnumber`"
                + " <= VALUES(`versionnumber`), VALUES(`versionnumber`), `versionnumber`)");
    }

    @Test
    void an_unknown_database_and_an_unsafe_name_are_refused_with_what_is_supported() {
        assertThatThrownBy(() -> SqlDialect.forUrl("jdbc:oracle:thin:@db?password=secret")).hasMessageContaining("PostgreSQL, MariaDB")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> new SourceColumn("name; DROP TABLE x", ColumnKind.TEXT, "String", 10)).hasMessageContaining("cannot be exported");
        assertThat(SqlNames.validPrefix("dvb2026")).isTrue();
        assertThat(SqlNames.validPrefix("fifteen_chars_x")).isFalse();
    }
}
