package io.dvbridge.sandbox.dataverse.query;

/**
 * One lexeme of an OData expression. {@code position} is where it starts and {@code end} where the lexer
 * stands after it: OData reports "Syntax error at position N" with the latter, other errors with the former.
 */
record Token(Kind kind, String text, int position, int end) {

    enum Kind {
        IDENTIFIER, ALIAS,
        STRING, INT32, INT64, DECIMAL, DOUBLE, SINGLE, BOOLEAN, NULL, GUID, DATE, DATETIMEOFFSET, TIMEOFDAY,
        /** An identifier followed by a quoted value ({@code duration'P1D'}, {@code guid'...'}, {@code Bryan'x'}). */
        QUOTED, BINARY,
        BRACKETED, BRACED,
        OPEN_PAREN, CLOSE_PAREN, COMMA, MINUS, SLASH, DOT, EQUAL, COLON, STAR, QUESTION, END
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** True for an identifier spelled exactly {@code word}: OData keywords are case-sensitive. */
    boolean isKeyword(String word) {
        return kind == Kind.IDENTIFIER && text.equals(word);
    }

    boolean isLiteral() {
        return switch (kind) {
            case STRING, INT32, INT64, DECIMAL, DOUBLE, SINGLE, BOOLEAN, NULL, GUID, DATE, DATETIMEOFFSET, TIMEOFDAY,
                    QUOTED, BINARY, BRACKETED, BRACED -> true;
            default -> false;
        };
    }

    boolean isNumeric() {
        return kind == Kind.INT32 || kind == Kind.INT64 || kind == Kind.DECIMAL || kind == Kind.DOUBLE
                || kind == Kind.SINGLE;
    }
}
