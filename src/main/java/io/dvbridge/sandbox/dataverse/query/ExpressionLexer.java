package io.dvbridge.sandbox.dataverse.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Splits an OData expression into tokens the way Microsoft.OData.Core's ExpressionLexer does, so that the
 * positions in error messages are the ones Dataverse reports. Tokens are read on demand: a lexical error
 * surfaces only when the parser reaches (or peeks at) the faulty token, as in the original.
 */
final class ExpressionLexer {

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE = Pattern.compile("-?\\d{4,}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d{1,12})?)?");

    private final String text;
    private int pos;
    private Token current;

    ExpressionLexer(String text) {
        this.text = text;
        this.pos = 0;
        this.current = read();
    }

    String text() {
        return text;
    }

    Token current() {
        return current;
    }

    /** Moves to the next token; throws the lexical error of that token, if any. */
    Token next() {
        current = read();
        return current;
    }

    /** The token after the current one, without moving; throws its lexical error, if any. */
    Token peek() {
        int saved = pos;
        try {
            return read();
        } finally {
            pos = saved;
        }
    }

    private char ch() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private Token read() {
        while (!atEnd() && Character.isWhitespace(ch())) {
            pos++;
        }
        int start = pos;
        if (atEnd()) {
            return new Token(Token.Kind.END, "", start, start);
        }
        char c = ch();
        Token.Kind kind;
        switch (c) {
            case '(' -> kind = single(Token.Kind.OPEN_PAREN);
            case ')' -> kind = single(Token.Kind.CLOSE_PAREN);
            case ',' -> kind = single(Token.Kind.COMMA);
            case '=' -> kind = single(Token.Kind.EQUAL);
            case '/' -> kind = single(Token.Kind.SLASH);
            case '?' -> kind = single(Token.Kind.QUESTION);
            case '.' -> kind = single(Token.Kind.DOT);
            case '*' -> kind = single(Token.Kind.STAR);
            case ':' -> kind = single(Token.Kind.COLON);
            case '-' -> kind = minusOrNumber(start);
            case '\'' -> kind = stringLiteral();
            case '{' -> kind = balanced('{', '}', Token.Kind.BRACED);
            case '[' -> kind = balanced('[', ']', Token.Kind.BRACKETED);
            case '@' -> kind = alias();
            default -> kind = identifierOrNumber(c, start);
        }
        String tokenText = text.substring(start, pos);
        if (kind == Token.Kind.IDENTIFIER) {
            if (ch() == '\'' && !atEnd()) {
                return typePrefixedLiteral(tokenText, start);
            }
            kind = keywordLiteral(tokenText);
        }
        return new Token(kind, tokenText, start, pos);
    }

    private Token.Kind single(Token.Kind kind) {
        pos++;
        return kind;
    }

    private Token.Kind minusOrNumber(int start) {
        if (pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
            Token.Kind number = fromDigit(start);
            if (number != Token.Kind.BINARY) {
                return number;
            }
            pos = start;
        }
        pos++;
        return Token.Kind.MINUS;
    }

    private Token.Kind stringLiteral() {
        do {
            pos++;
            while (!atEnd() && ch() != '\'') {
                pos++;
            }
            if (atEnd()) {
                throw Errors.unterminatedStringLiteral(pos, text);
            }
            pos++;
        } while (!atEnd() && ch() == '\'');
        return Token.Kind.STRING;
    }

    private Token.Kind balanced(char open, char close, Token.Kind kind) {
        int depth = 1;
        pos++;
        while (depth > 0) {
            if (ch() == '\'' && !atEnd()) {
                pos++;
                while (!atEnd() && ch() != '\'') {
                    pos++;
                }
            }
            if (atEnd()) {
                throw Errors.unbalancedBracket();
            }
            if (ch() == open) {
                depth++;
            } else if (ch() == close) {
                depth--;
            }
            pos++;
        }
        return kind;
    }

    private Token.Kind alias() {
        pos++;
        if (atEnd()) {
            throw Errors.syntaxError(pos, text);
        }
        if (!isIdentifierStart(ch())) {
            throw Errors.invalidCharacter(ch(), pos, text);
        }
        readIdentifier();
        return Token.Kind.ALIAS;
    }

    private Token.Kind identifierOrNumber(char c, int start) {
        if (isIdentifierStart(c)) {
            readIdentifier();
            if (ch() == '-' && !atEnd() && tryLiteral(start, GUID)) {
                return Token.Kind.GUID;
            }
            return Token.Kind.IDENTIFIER;
        }
        if (Character.isDigit(c)) {
            return fromDigit(start);
        }
        throw Errors.invalidCharacter(c, pos, text);
    }

    /** {@code null'x'} is refused; any other identifier followed by a quote starts a type-prefixed literal. */
    private Token typePrefixedLiteral(String prefix, int start) {
        if (prefix.equalsIgnoreCase("null")) {
            throw Errors.syntaxError(pos, text);
        }
        do {
            do {
                pos++;
            } while (!atEnd() && ch() != '\'');
            if (atEnd()) {
                throw Errors.unterminatedLiteral(pos, text);
            }
            pos++;
        } while (!atEnd() && ch() == '\'');
        return new Token(Token.Kind.QUOTED, text.substring(start, pos), start, pos);
    }

    private static Token.Kind keywordLiteral(String word) {
        return switch (word) {
            case "true", "false" -> Token.Kind.BOOLEAN;
            case "null" -> Token.Kind.NULL;
            default -> Token.Kind.IDENTIFIER;
        };
    }

    private Token.Kind fromDigit(int start) {
        char first = ch();
        pos++;
        if (first == '0' && (ch() == 'x' || ch() == 'X')) {
            do {
                pos++;
            } while (!atEnd() && Character.digit(ch(), 16) >= 0);
            return Token.Kind.BINARY;
        }
        while (!atEnd() && Character.isDigit(ch())) {
            pos++;
        }
        if (ch() == '-' && !atEnd()) {
            if (tryLiteral(start, DATE) && isDate(text.substring(start, pos))) {
                return Token.Kind.DATE;
            }
            if (tryDateTimeOffset(start)) {
                return Token.Kind.DATETIMEOFFSET;
            }
            if (tryLiteral(start, GUID)) {
                return Token.Kind.GUID;
            }
        }
        if (ch() == ':' && !atEnd() && tryLiteral(start, TIME)) {
            return Token.Kind.TIMEOFDAY;
        }
        if (!atEnd() && Character.isLetter(ch()) && tryLiteral(start, GUID)) {
            return Token.Kind.GUID;
        }
        Token.Kind result = Token.Kind.INT32;
        if (ch() == '.' && !atEnd()) {
            result = Token.Kind.DOUBLE;
            pos++;
            requireDigit();
            while (!atEnd() && Character.isDigit(ch())) {
                pos++;
            }
        }
        if ((ch() == 'E' || ch() == 'e') && !atEnd()) {
            result = Token.Kind.DOUBLE;
            pos++;
            if (ch() == '+' || ch() == '-') {
                pos++;
            }
            requireDigit();
            while (!atEnd() && Character.isDigit(ch())) {
                pos++;
            }
        }
        switch (atEnd() ? '\0' : ch()) {
            case 'M', 'm' -> {
                pos++;
                return Token.Kind.DECIMAL;
            }
            case 'D', 'd' -> {
                pos++;
                return Token.Kind.DOUBLE;
            }
            case 'L', 'l' -> {
                pos++;
                return Token.Kind.INT64;
            }
            case 'F', 'f' -> {
                pos++;
                return Token.Kind.SINGLE;
            }
            default -> {
                return bestGuess(text.substring(start, pos), result);
            }
        }
    }

    private void requireDigit() {
        if (atEnd() || !Character.isDigit(ch())) {
            throw Errors.digitExpected(pos, text);
        }
    }

    /**
     * Reads up to the next delimiter (',', ')', ' ' or the end) and keeps it when it matches; otherwise
     * goes back to where it was, as the OData lexer's TryParseGuid/TryParseDate do.
     */
    private boolean tryLiteral(int start, Pattern pattern) {
        int saved = pos;
        String candidate = delimited(start);
        if (pattern.matcher(candidate).matches()) {
            return true;
        }
        pos = saved;
        return false;
    }

    private boolean tryDateTimeOffset(int start) {
        int saved = pos;
        String candidate = delimited(start);
        if (parseDateTimeOffset(candidate) != null) {
            return true;
        }
        pos = saved;
        return false;
    }

    private String delimited(int start) {
        do {
            pos++;
        } while (!atEnd() && ch() != ',' && ch() != ')' && ch() != ' ');
        return text.substring(start, pos);
    }

    private static boolean isDate(String candidate) {
        try {
            LocalDate.parse(candidate);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static OffsetDateTime parseDateTimeOffset(String candidate) {
        try {
            return OffsetDateTime.parse(candidate, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static LocalTime parseTimeOfDay(String candidate) {
        return LocalTime.parse(candidate.length() == 4 ? "0" + candidate : candidate);
    }

    /**
     * A number without suffix gets the narrowest type that holds it, as the OData lexer guesses it: Int32,
     * Int64, then Single, Double or Decimal depending on which keeps the digits.
     */
    private static Token.Kind bestGuess(String number, Token.Kind guessed) {
        if (guessed == Token.Kind.INT32) {
            try {
                Integer.parseInt(number);
                return Token.Kind.INT32;
            } catch (NumberFormatException e) {
                // wider below
            }
            try {
                Long.parseLong(number);
                return Token.Kind.INT64;
            } catch (NumberFormatException e) {
                // wider below
            }
        }
        double d = Double.parseDouble(number);
        float f = Float.parseFloat(number);
        boolean canBeDecimal = number.indexOf('e') < 0 && number.indexOf('E') < 0;
        if (!Double.isInfinite(d) && canBeDecimal
                && new BigDecimal(Double.toString(d)).compareTo(new BigDecimal(number)) != 0) {
            return Token.Kind.DECIMAL;
        }
        if (!Float.isInfinite(f) && Double.parseDouble(Float.toString(f)) != d) {
            return Token.Kind.DOUBLE;
        }
        return Float.isInfinite(f) ? Token.Kind.DOUBLE : Token.Kind.SINGLE;
    }

    private void readIdentifier() {
        pos++;
        while (!atEnd() && isIdentifierPart(ch())) {
            pos++;
        }
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$' || Character.getType(c) == Character.LETTER_NUMBER;
    }

    private static boolean isIdentifierPart(char c) {
        if (Character.isLetterOrDigit(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.LETTER_NUMBER || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.CONNECTOR_PUNCTUATION
                || type == Character.FORMAT;
    }
}
