package io.dvbridge.rebind;

/** How a row found its Power BI report, strongest first. Reported per row so people can audit matches. */
public enum MatchKind {
    /**
     * The row's {@code msdyn_reportid} already is a report of the target workspace, and that report carries
     * the row's name (or the deployment pipeline lists it as deployed). It keeps already-rebound rows stable
     * (a second run plans no writes) and repairs only their workspace or dataset id if those are off. A row
     * bound there to a report of another name is MISMATCHED instead (see {@link ReportMatcher}).
     */
    REPORT_ID,
    /** A deployment pipeline artifact says the target report was deployed from the row's report. */
    PIPELINE,
    /** The only report whose name equals {@code msdyn_name} exactly. */
    EXACT_NAME,
    /** The only report whose name equals {@code msdyn_name} after {@link ReportNames#normalise}. */
    NORMALISED_NAME,
    /** Undo: restoring the values an earlier run recorded in its {@link UndoJournal}. */
    JOURNAL
}
