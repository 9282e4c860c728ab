package io.dvbridge.jobs;

/** A report with a richer terminal form than its summary (a table, colours when the output is a terminal). */
public interface TerminalView {

    String render(boolean color);
}
