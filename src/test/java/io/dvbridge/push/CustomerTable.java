package io.dvbridge.push;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** A table like the demo's dvb_customerimport, built by hand for the validator's unit tests. */
final class CustomerTable {

    static final LookupTarget ACCOUNT = new LookupTarget("account", "accounts", "accountid", "dvb_AccountId", List.of("accountnumber"));
    static final LookupTarget CONTACT = new LookupTarget("contact", "contacts", "contactid", "dvb_customerid_contact", List.of());

    private CustomerTable() {
    }

    static TargetTable table() {
        return new TargetTable("dvb_customerimport", "dvb_customerimports", "dvb_customerimportid", List.of(
                column("dvb_customerimportid", ColumnType.UNIQUEIDENTIFIER),
                new TargetColumn("dvb_customernumber", ColumnType.STRING, "SystemRequired", true, true, OptionalInt.of(20),
                        OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(), List.of(), false, false, List.of()),
                column("dvb_email", ColumnType.STRING, 10),
                numeric("dvb_loyaltypoints", ColumnType.INTEGER, 0, 1_000_000, -1),
                numeric("dvb_creditlimit", ColumnType.MONEY, 0, 1e9, 2),
                numeric("dvb_discountrate", ColumnType.DECIMAL, 0, 100, 2),
                numeric("dvb_score", ColumnType.DOUBLE, 0, 1, 5),
                column("dvb_ismember", ColumnType.BOOLEAN),
                date("dvb_birthdate", true, false),
                date("dvb_lastcontacton", false, false),
                date("dvb_shiftstart", false, true),
                column("dvb_externalid", ColumnType.UNIQUEIDENTIFIER),
                choice("dvb_segment", ColumnType.CHOICE),
                choice("dvb_channels", ColumnType.MULTI_CHOICE),
                lookup("dvb_accountid", List.of(ACCOUNT)),
                lookup("dvb_customerid", List.of(ACCOUNT, CONTACT)),
                new TargetColumn("createdon", ColumnType.DATETIME, "None", false, false, OptionalInt.empty(), OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalInt.empty(), List.of(), false, false, List.of())),
                List.of(new TableKey("dvb_customernumber_key", List.of("dvb_customernumber"))));
    }

    static TargetColumn column(String name, ColumnType type) {
        return new TargetColumn(name, type, "None", true, true, OptionalInt.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalInt.empty(), List.of(), false, false, List.of());
    }

    static TargetColumn column(String name, ColumnType type, int maxLength) {
        return new TargetColumn(name, type, "None", true, true, OptionalInt.of(maxLength), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalInt.empty(), List.of(), false, false, List.of());
    }

    static TargetColumn numeric(String name, ColumnType type, double min, double max, int precision) {
        return new TargetColumn(name, type, "None", true, true, OptionalInt.empty(), OptionalDouble.of(min), OptionalDouble.of(max),
                precision < 0 ? OptionalInt.empty() : OptionalInt.of(precision), List.of(), false, false, List.of());
    }

    static TargetColumn date(String name, boolean dateOnly, boolean zoneless) {
        return new TargetColumn(name, ColumnType.DATETIME, "None", true, true, OptionalInt.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalInt.empty(), List.of(), dateOnly, zoneless, List.of());
    }

    static TargetColumn choice(String name, ColumnType type) {
        return new TargetColumn(name, type, "None", true, true, OptionalInt.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalInt.empty(), List.of(new Choice(100000000, "Retail"), new Choice(100000001, "Wholesale"),
                new Choice(100000002, "Online")), false, false, List.of());
    }

    static TargetColumn lookup(String name, List<LookupTarget> targets) {
        return new TargetColumn(name, ColumnType.LOOKUP, "None", true, true, OptionalInt.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalInt.empty(), List.of(), false, false, targets);
    }

    static SourceRow row(Map<String, Object> values) {
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        all.put("dvb_customernumber", "C-1");
        all.putAll(values);
        return new SourceRow(7, all);
    }
}
