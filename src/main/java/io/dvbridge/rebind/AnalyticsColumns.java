package io.dvbridge.rebind;

/**
 * Dataverse names of the Customer Service analytics tables (reference section 12), in one place so
 * that the records' JSON aliases, {@link PlannedChange#changedColumns()} and the route's {@code $select}
 * agree.
 */
public final class AnalyticsColumns {

    public static final String REPORT_ENTITY_SET = "msdyn_dataanalyticsreports";
    public static final String REPORT_ID = "msdyn_dataanalyticsreportid";
    public static final String WORKSPACE_ENTITY_SET = "msdyn_dataanalyticsworkspaces";
    public static final String WORKSPACE_ROW_ID = "msdyn_dataanalyticsworkspaceid";

    public static final String NAME = "msdyn_name";
    public static final String DISPLAY_NAME = "msdyn_displayname";
    public static final String WORKSPACE_ID = "msdyn_workspaceid";
    public static final String POWER_BI_REPORT_ID = "msdyn_reportid";
    public static final String DATASET_ID = "msdyn_datasetid";
    public static final String WORKSPACE_TYPE = "msdyn_workspacetype";
    /** The feature lookup as it appears in query results ({@code _<nav>_value}). */
    public static final String FEATURE_ID_VALUE = "_msdyn_datainsightsandanalyticsfeatureid_value";
    public static final String ETAG = "@odata.etag";

    /** Columns the job reads from {@code msdyn_dataanalyticsreports}. */
    public static final String REPORT_SELECT = String.join(",", REPORT_ID, NAME, DISPLAY_NAME, WORKSPACE_ID,
            POWER_BI_REPORT_ID, DATASET_ID, FEATURE_ID_VALUE);
    /** Columns the job reads from {@code msdyn_dataanalyticsworkspaces}. */
    public static final String WORKSPACE_SELECT = String.join(",", WORKSPACE_ROW_ID, WORKSPACE_ID, NAME,
            WORKSPACE_TYPE, FEATURE_ID_VALUE);

    private AnalyticsColumns() {
    }
}
