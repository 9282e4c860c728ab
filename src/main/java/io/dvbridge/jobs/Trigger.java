package io.dvbridge.jobs;

/** What started a run. Requests from the remote ones name files only inside configured folders. */
public enum Trigger {
    CLI, REST, QUEUE, SCHEDULE;

    public boolean remote() {
        return this != CLI;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
