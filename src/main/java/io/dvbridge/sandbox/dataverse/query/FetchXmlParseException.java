package io.dvbridge.sandbox.dataverse.query;

/** FetchXML (or a paging cookie) that is not well-formed XML, or that carries a DOCTYPE. */
public final class FetchXmlParseException extends ODataQueryException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    public FetchXmlParseException(String message, int line, int column) {
        super(INVALID_ARGUMENT, message);
        this.line = line;
        this.column = column;
    }

    /** 1-based line of the fault as the XML parser reports it (-1 when unknown). */
    public int line() {
        return line;
    }

    /** 1-based column of the fault as the XML parser reports it (-1 when unknown). */
    public int column() {
        return column;
    }
}
