package io.dvbridge.sandbox.dataverse.query;

import io.dvbridge.sandbox.dataverse.AttributeType;
import io.dvbridge.sandbox.dataverse.Column;
import io.dvbridge.sandbox.dataverse.TableSchema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small sandbox tables for the query tests. */
final class TestTables {

    private TestTables() {
    }

    static Column column(String name, AttributeType type) {
        return new Column(name, type, name, null, "None", List.of(), Map.of(), true, true, null, null, null);
    }

    /** An account-like table with one column of every kind a filter meets. */
    static TableSchema account() {
        return new TableSchema("account", "accounts", "Account", "accountid", "name", true, false, 1, List.of(
                column("accountid", AttributeType.UNIQUEIDENTIFIER),
                column("name", AttributeType.STRING),
                column("lastname", AttributeType.STRING),
                column("description", AttributeType.MEMO),
                column("numberofemployees", AttributeType.INTEGER),
                column("bignumber", AttributeType.BIGINT),
                column("revenue", AttributeType.MONEY),
                column("creditlimit", AttributeType.DECIMAL),
                column("ratio", AttributeType.DOUBLE),
                column("donotemail", AttributeType.BOOLEAN),
                column("createdon", AttributeType.DATETIME),
                column("statecode", AttributeType.STATE),
                column("parentaccountid", AttributeType.LOOKUP)), List.of());
    }

    /** The Customer Service analytics report table of seed 000. */
    static TableSchema report() {
        return new TableSchema("msdyn_dataanalyticsreport", "msdyn_dataanalyticsreports", "Data Analytics Report",
                "msdyn_dataanalyticsreportid", "msdyn_name", false, false, 10427, List.of(
                column("msdyn_dataanalyticsreportid", AttributeType.UNIQUEIDENTIFIER),
                column("msdyn_name", AttributeType.STRING),
                column("msdyn_displayname", AttributeType.STRING),
                column("msdyn_workspaceid", AttributeType.STRING),
                column("msdyn_reportid", AttributeType.STRING),
                column("msdyn_isenabled", AttributeType.BOOLEAN),
                column("msdyn_displayorder", AttributeType.INTEGER),
                column("msdyn_datainsightsandanalyticsfeatureid", AttributeType.LOOKUP)), List.of());
    }

    /** A row from alternating keys and values; null values are left out, as the store keeps them. */
    static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                row.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return row;
    }
}
