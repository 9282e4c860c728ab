package io.dvbridge.sandbox.powerbi;

/** Power BI's {@code reportType}: a .pbix report bound to a dataset, or a paginated (RDL) report without one. */
public enum ReportType {
    POWER_BI_REPORT("PowerBIReport"),
    PAGINATED_REPORT("PaginatedReport");

    private final String wireName;

    ReportType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Reads a fixture value; a missing value means an ordinary Power BI report. */
    public static ReportType fromFixture(String value) {
        if (value == null || value.isBlank()) {
            return POWER_BI_REPORT;
        }
        for (ReportType type : values()) {
            if (type.wireName.equalsIgnoreCase(value.trim()) || type.name().equalsIgnoreCase(value.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown report type '" + value + "' (PowerBIReport or PaginatedReport)");
    }
}
