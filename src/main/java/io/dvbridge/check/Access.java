package io.dvbridge.check;

/** A table privilege, as Dataverse names it: {@code prv<Access><table>}. */
public enum Access {
    CREATE("Create"), READ("Read"), WRITE("Write"), DELETE("Delete"), APPEND("Append"), APPEND_TO("AppendTo");

    private final String word;

    Access(String word) {
        this.word = word;
    }

    /** The privilege name for a table, e.g. {@code prvReadaccount}; Dataverse compares these without case. */
    public String privilegeName(String table) {
        return "prv" + word + table;
    }
}
