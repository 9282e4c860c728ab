package io.dvbridge.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks each source row against the target table's metadata and turns it into what a bulk write sends: every
 * rule of docs/push.md (unknown column, not valid for the mode, type, length, range, precision, required on
 * create, choices, lookups, identity, strict columns). Lookups are only parsed here; whether their rows exist is
 * asked of Dataverse for a whole batch at once ({@link LookupResolution}).
 */
public final class RowValidator {

    private final TargetTable table;
    private final WriteMode mode;
    private final Identity identity;
    private final boolean strict;
    private final boolean typedSource;
    private List<String> lastColumns = List.of();
    private Optional<String> lastStrictFault = Optional.empty();

    /**
     * @param strict      names, order and (for typed sources) kinds of values must match the table
     * @param typedSource values come with their kinds (JSON Lines, JDBC), so a strict push can check them
     */
    public RowValidator(TargetTable table, WriteMode mode, Identity identity, boolean strict, boolean typedSource) {
        this.table = table;
        this.mode = mode;
        this.identity = identity;
        this.strict = strict;
        this.typedSource = typedSource;
    }

    /**
     * Reads {@code --key} for this table and source (see {@link Identity#resolve}).
     *
     * @throws PushSetupException when the key names nothing of the table or an update or upsert has none
     */
    public static Identity identity(Optional<String> key, TargetTable table, WriteMode mode, List<String> sourceColumns) {
        return Identity.resolve(key, table, mode, sourceColumns);
    }

    public CheckedRow check(SourceRow row) {
        long n = row.rowNumber();
        List<Rejection> rejections = new ArrayList<>();
        Map<String, Object> key = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        List<LookupRef> lookups = new ArrayList<>();
        if (row.values().get(JsonLinesRowSource.UNREADABLE) instanceof String fault) {
            return new CheckedRow(n, key, values, lookups, List.of(Rejection.of(n, "", "", Rejection.Reason.UNREADABLE, fault)));
        }
        if (strict) {
            strictFault(row).ifPresent(fault -> rejections.add(Rejection.of(n, "", "", Rejection.Reason.STRICT_COLUMNS, fault)));
        }
        Set<String> identityColumns = identityColumns();
        for (Map.Entry<String, Object> cell : row.values().entrySet()) {
            String name = cell.getKey();
            Object value = blankToNull(cell.getValue());
            Optional<TargetColumn> found = table.column(name);
            if (found.isEmpty()) {
                if (!(identity instanceof Identity.Derived derived && derived.sourceColumn().equals(name))) {
                    rejections.add(Rejection.of(n, name, value, Rejection.Reason.UNKNOWN_COLUMN,
                            "'" + name + "' is not a column of " + table.logicalName()));
                }
                continue;
            }
            TargetColumn column = found.get();
            if (identityColumns.contains(name) && !(identity instanceof Identity.Derived)) {
                continue; // read below as the row's identity
            }
            if (name.equals(table.primaryId())) {
                rejections.add(Rejection.of(n, name, value, Rejection.Reason.NOT_WRITABLE,
                        "the primary id is written only with --key id"));
                continue;
            }
            if (!column.validFor(mode)) {
                rejections.add(Rejection.of(n, name, value, Rejection.Reason.NOT_WRITABLE, "'" + name + "' is not valid for "
                        + (mode == WriteMode.UPSERT ? "create and update" : mode.name().toLowerCase(Locale.ROOT))));
                continue;
            }
            if (value == null) {
                if (mode != WriteMode.CREATE && column.type() != ColumnType.LOOKUP) {
                    values.put(name, null); // an empty cell clears the column of an existing row
                }
                continue;
            }
            if (strict && typedSource) {
                Optional<String> kindFault = kindFault(column, value);
                if (kindFault.isPresent()) {
                    rejections.add(Rejection.of(n, name, value, Rejection.Reason.TYPE, kindFault.get()));
                    continue;
                }
            }
            if (column.type() == ColumnType.LOOKUP) {
                try {
                    lookups.add(lookup(column, String.valueOf(value).strip()));
                } catch (ValueRejected e) {
                    rejections.add(Rejection.of(n, name, value, e.reason, e.getMessage()));
                }
                continue;
            }
            try {
                values.put(name, ValueConverter.convert(column, value));
            } catch (ValueRejected e) {
                rejections.add(Rejection.of(n, name, value, e.reason, e.getMessage()));
            }
        }
        identify(row, key, values, rejections);
        if (mode != WriteMode.UPDATE) {
            for (TargetColumn column : table.columns()) {
                if (column.requiredOnCreate() && !column.name().equals(table.primaryId()) && values.get(column.name()) == null
                        && !key.containsKey(column.name()) && lookups.stream().noneMatch(l -> l.column().equals(column.name()))
                        && rejections.stream().noneMatch(r -> r.column().equals(column.name()))) {
                    rejections.add(Rejection.of(n, column.name(), "", Rejection.Reason.REQUIRED, "'" + column.name()
                            + "' is required (" + column.requiredLevel() + ") and has no value"));
                }
            }
        }
        return new CheckedRow(n, key, values, lookups, rejections);
    }

    private void identify(SourceRow row, Map<String, Object> key, Map<String, Object> values, List<Rejection> rejections) {
        long n = row.rowNumber();
        if (identity instanceof Identity.PrimaryId id) {
            Object value = blankToNull(row.values().get(id.column()));
            if (value == null) {
                rejections.add(Rejection.of(n, id.column(), "", Rejection.Reason.IDENTITY, "the row has no " + id.column()));
            } else {
                try {
                    key.put(id.column(), ValueConverter.guid(String.valueOf(value)).toString());
                } catch (ValueRejected e) {
                    rejections.add(Rejection.of(n, id.column(), value, Rejection.Reason.IDENTITY, "the row id is not a GUID"));
                }
            }
        } else if (identity instanceof Identity.AlternateKey alternate) {
            for (String column : alternate.columns()) {
                Object value = blankToNull(row.values().get(column));
                if (value == null) {
                    rejections.add(Rejection.of(n, column, "", Rejection.Reason.IDENTITY,
                            "the row has no value for '" + column + "' of key " + alternate.name()));
                    continue;
                }
                try {
                    Object converted = ValueConverter.convert(table.column(column).orElseThrow(), value);
                    // A create sends the key's columns as data; the others address the row by them.
                    (mode == WriteMode.CREATE ? values : key).put(column, converted);
                } catch (ValueRejected e) {
                    rejections.add(Rejection.of(n, column, value, e.reason, e.getMessage()));
                }
            }
        } else if (identity instanceof Identity.Derived derived) {
            Object value = blankToNull(row.values().get(derived.sourceColumn()));
            if (value == null) {
                rejections.add(Rejection.of(n, derived.sourceColumn(), "", Rejection.Reason.IDENTITY,
                        "the row has no '" + derived.sourceColumn() + "' to derive its id from"));
            } else {
                key.put(derived.primaryId(), Uuid5.of(String.valueOf(value)).toString());
            }
        }
    }

    /** The source columns read as identity rather than data. */
    private Set<String> identityColumns() {
        if (identity instanceof Identity.PrimaryId id) {
            return Set.of(id.column());
        }
        if (identity instanceof Identity.AlternateKey alternate) {
            return Set.copyOf(alternate.columns());
        }
        if (identity instanceof Identity.Derived derived) {
            return Set.of(derived.sourceColumn());
        }
        return Set.of();
    }

    /**
     * {@code <guid>}, {@code <keycolumn>=<value>} (a single-column alternate key of the target), either after
     * {@code <table>:} to say which table a multi-table lookup points to.
     */
    private LookupRef lookup(TargetColumn column, String text) throws ValueRejected {
        Optional<LookupTarget> named = Optional.empty();
        String rest = text;
        int colon = text.indexOf(':');
        if (colon > 0) {
            String prefix = text.substring(0, colon).strip();
            named = column.targets().stream().filter(t -> t.table().equalsIgnoreCase(prefix)).findFirst();
            if (named.isPresent()) {
                rest = text.substring(colon + 1).strip();
            }
        }
        int equals = rest.indexOf('=');
        if (equals > 0) {
            String keyColumn = rest.substring(0, equals).strip();
            String keyValue = rest.substring(equals + 1).strip();
            List<LookupTarget> candidates = named.map(List::of).orElse(column.targets()).stream()
                    .filter(t -> t.keyColumns().contains(keyColumn)).toList();
            if (candidates.size() != 1 || keyValue.isEmpty()) {
                throw new ValueRejected(Rejection.Reason.LOOKUP, candidates.isEmpty()
                        ? "'" + keyColumn + "' is no single-column alternate key of " + targetNames(column)
                        : "several tables have the key '" + keyColumn + "'; write <table>:" + keyColumn + "=<value>");
            }
            return new LookupRef(column.name(), candidates.get(0), keyColumn, keyValue);
        }
        String id;
        try {
            id = ValueConverter.guid(rest).toString();
        } catch (ValueRejected e) {
            throw new ValueRejected(Rejection.Reason.LOOKUP, "not a GUID, <key column>=<value> or <table>:<either> of "
                    + targetNames(column));
        }
        if (named.isEmpty() && column.targets().size() != 1) {
            throw new ValueRejected(Rejection.Reason.LOOKUP, "the lookup points to " + targetNames(column)
                    + "; write <table>:<GUID>");
        }
        LookupTarget target = named.orElseGet(() -> column.targets().get(0));
        return new LookupRef(column.name(), target, target.primaryId(), id);
    }

    private static String targetNames(TargetColumn column) {
        return column.targets().isEmpty() ? "no table" : String.join(" or ", column.targets().stream().map(LookupTarget::table).toList());
    }

    private Optional<String> strictFault(SourceRow row) {
        List<String> columns = List.copyOf(row.values().keySet());
        if (!columns.equals(lastColumns)) {
            lastColumns = columns;
            Set<String> identityColumns = identityColumns();
            List<String> data = columns.stream().filter(c -> !identityColumns.contains(c) || table.strictColumns(mode).contains(c)).toList();
            List<String> expected = table.strictColumns(mode);
            lastStrictFault = data.equals(expected) ? Optional.empty()
                    : Optional.of("the columns are not the table's, in its order: expected " + String.join(",", expected)
                    + (identity instanceof Identity.None ? "" : " (plus the identity column)") + "; got " + String.join(",", data));
        }
        return lastStrictFault;
    }

    private static Optional<String> kindFault(TargetColumn column, Object value) {
        boolean number = value instanceof Number;
        boolean bool = value instanceof Boolean;
        boolean ok = switch (column.type()) {
            case INTEGER, BIGINT, DECIMAL, DOUBLE, MONEY -> number;
            case BOOLEAN -> bool;
            case CHOICE -> number || value instanceof String;
            default -> !number && !bool;
        };
        return ok ? Optional.empty() : Optional.of("a " + (number ? "number" : bool ? "boolean" : "text") + " value for a "
                + column.type().name().toLowerCase(Locale.ROOT) + " column");
    }

    private static Object blankToNull(Object value) {
        return value instanceof String text && text.isBlank() ? null : value;
    }
}
