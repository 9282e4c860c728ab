package io.dvbridge.export;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Web API rows and pages of a small table, as the change-tracking consumer delivers them. */
final class Pages {

    static final SourceTable CONTACTS = new SourceTable("contact", "contacts", "contactid", false, true, List.of(
            new SourceColumn("fullname", ColumnKind.TEXT, "String", 100),
            new SourceColumn("description", ColumnKind.MEMO, "Memo", 0),
            new SourceColumn("numberofchildren", ColumnKind.INTEGER, "Integer", 0),
            new SourceColumn("creditlimit", ColumnKind.DECIMAL, "Money", 0),
            new SourceColumn("donotemail", ColumnKind.BOOLEAN, "Boolean", 0),
            new SourceColumn("birthdate", ColumnKind.DATE, "DateTime", 0),
            new SourceColumn("lastusedincampaign", ColumnKind.DATETIME, "DateTime", 0),
            new SourceColumn("statecode", ColumnKind.CHOICE, "State", 0),
            new SourceColumn("parentcustomerid", ColumnKind.LOOKUP, "Customer", 0, List.of("account", "contact"))),
            List.of(new ChoiceLabel("statecode", "state", 0, "Active", 1033), new ChoiceLabel("statecode", "state", 1, "Inactive", 1033)));

    private Pages() {
    }

    static UUID id(int n) {
        return UUID.fromString(String.format("00000000-0000-0000-0000-%012d", n));
    }

    static Map<String, Object> contact(int n, long version, String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("contactid", id(n).toString());
        row.put("fullname", name);
        row.put("description", "line one\nline \"two\", with a comma");
        row.put("numberofchildren", n % 4);
        row.put("creditlimit", new BigDecimal("1234.5600"));
        row.put("donotemail", n % 2 == 0);
        row.put("birthdate", "1980-04-0" + (1 + n % 9));
        row.put("lastusedincampaign", "2026-05-01T08:15:00Z");
        row.put("statecode", 0);
        row.put("_parentcustomerid_value", id(9000 + n).toString());
        row.put("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname", "account");
        row.put("versionnumber", version);
        return row;
    }

    static ExportPage page(List<Map<String, Object>> rows, List<String> deletes, String position) {
        return new ExportPage(rows, deletes, Optional.ofNullable(position));
    }
}
