package io.dvbridge.sandbox.dataverse;

import java.util.List;
import java.util.Map;

/**
 * A column of a sandbox table. For lookups {@code name} is the logical name (e.g.
 * {@code parentaccountid}) while rows store the value under {@link #valueProperty()}
 * ({@code _parentaccountid_value}). {@code schemaName} is the column's SchemaName (e.g.
 * {@code msdyn_DataInsightsAndAnalyticsFeatureId}); it names a lookup's navigation properties, which
 * the Web API matches case-sensitively.
 */
public record Column(String name, AttributeType type, String displayName, Integer maxLength, String requiredLevel,
                     List<String> targets, Map<Integer, String> options, boolean validForCreate, boolean validForUpdate,
                     Integer precision, Double minValue, Double maxValue, String schemaName, String dateTimeBehavior) {

    /** DateTimeBehavior values (learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute). */
    public static final String USER_LOCAL = "UserLocal";
    public static final String DATE_ONLY = "DateOnly";
    public static final String TIME_ZONE_INDEPENDENT = "TimeZoneIndependent";

    public Column {
        schemaName = schemaName == null || schemaName.isBlank() ? name : schemaName;
        dateTimeBehavior = dateTimeBehavior == null || dateTimeBehavior.isBlank() ? USER_LOCAL : dateTimeBehavior;
    }

    /** A column with the default date behaviour (UserLocal; it matters for DateTime columns only). */
    public Column(String name, AttributeType type, String displayName, Integer maxLength, String requiredLevel,
                  List<String> targets, Map<Integer, String> options, boolean validForCreate, boolean validForUpdate,
                  Integer precision, Double minValue, Double maxValue, String schemaName) {
        this(name, type, displayName, maxLength, requiredLevel, targets, options, validForCreate, validForUpdate,
                precision, minValue, maxValue, schemaName, USER_LOCAL);
    }

    /** A DateTime column that holds a date only: the Web API reads and writes it as an Edm.Date ({@code 2026-04-01}). */
    public boolean dateOnly() {
        return type == AttributeType.DATETIME && DATE_ONLY.equals(dateTimeBehavior);
    }

    /** A column whose SchemaName is its logical name (system columns are like that). */
    public Column(String name, AttributeType type, String displayName, Integer maxLength, String requiredLevel,
                  List<String> targets, Map<Integer, String> options, boolean validForCreate, boolean validForUpdate,
                  Integer precision, Double minValue, Double maxValue) {
        this(name, type, displayName, maxLength, requiredLevel, targets, options, validForCreate, validForUpdate,
                precision, minValue, maxValue, name);
    }

    /** The property name under which the Web API shows and filters this column's value. */
    public String valueProperty() {
        return type.isLookup() ? "_" + name + "_value" : name;
    }

    public boolean systemRequired() {
        return "SystemRequired".equals(requiredLevel);
    }

    /**
     * Whether each target has a navigation property of its own ({@code <SchemaName>_<target>}), as for
     * customer lookups and other multi-table lookups. An owner lookup has one navigation property
     * ({@code ownerid}) to the abstract {@code principal} type, bound to users and teams alike.
     */
    public boolean polymorphic() {
        return type == AttributeType.CUSTOMER || (type == AttributeType.LOOKUP && targets.size() > 1);
    }

    /** The single-valued navigation property that sets this lookup to a row of {@code target}. */
    public String navigationProperty(String target) {
        return polymorphic() ? schemaName + "_" + target : schemaName;
    }
}
