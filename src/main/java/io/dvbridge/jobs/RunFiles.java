package io.dvbridge.jobs;

/** Names of the files a run keeps in its folder of the run store. */
public final class RunFiles {

    /** Every run's report, whatever the job: a {@link JobReport} as JSON. */
    public static final String REPORT = "report.json";
    public static final String HTML = "report.html";
    /** The push job's rejected and failed rows (CSV). */
    public static final String REJECTS = "rejects.csv";

    private RunFiles() {
    }
}
