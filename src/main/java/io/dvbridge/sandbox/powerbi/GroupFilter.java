package io.dvbridge.sandbox.powerbi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The OData {@code $filter} of {@code GET groups}: comparisons ({@code eq}, {@code ne}) and the string
 * functions {@code contains}, {@code startswith}, {@code endswith} on {@code name} (optionally wrapped
 * in {@code tolower}/{@code toupper}), {@code id}, {@code type}, {@code capacityId}, {@code isReadOnly}
 * and {@code isOnDedicatedCapacity}, combined with {@code and}, {@code or}, {@code not} and parentheses.
 * String comparison is case-sensitive as in OData; clients wrap {@code name} in {@code tolower} to ignore case.
 */
final class GroupFilter {

    /** A $filter the sandbox cannot evaluate; the message names the offending part. */
    static final class InvalidFilterException extends Exception {
        InvalidFilterException(String message) {
            super(message);
        }
    }

    private final List<String> tokens;
    private int position;

    private GroupFilter(List<String> tokens) {
        this.tokens = tokens;
    }

    static Predicate<Workspace> parse(String filter) throws InvalidFilterException {
        GroupFilter parser = new GroupFilter(tokenize(filter));
        Predicate<Workspace> predicate = parser.or();
        if (parser.position != parser.tokens.size()) {
            throw new InvalidFilterException("Unexpected '" + parser.tokens.get(parser.position) + "' in $filter");
        }
        return predicate;
    }

    private Predicate<Workspace> or() throws InvalidFilterException {
        Predicate<Workspace> left = and();
        while (acceptWord("or")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<Workspace> and() throws InvalidFilterException {
        Predicate<Workspace> left = unary();
        while (acceptWord("and")) {
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<Workspace> unary() throws InvalidFilterException {
        if (acceptWord("not")) {
            return unary().negate();
        }
        if (accept("(")) {
            Predicate<Workspace> inner = or();
            expect(")");
            return inner;
        }
        String word = next().toLowerCase(Locale.ROOT);
        if (word.equals("contains") || word.equals("startswith") || word.equals("endswith")) {
            expect("(");
            Operand field = operand();
            expect(",");
            String literal = stringLiteral();
            expect(")");
            return switch (word) {
                case "contains" -> ws -> field.text(ws).contains(field.normalize(literal));
                case "startswith" -> ws -> field.text(ws).startsWith(field.normalize(literal));
                default -> ws -> field.text(ws).endsWith(field.normalize(literal));
            };
        }
        position--;
        Operand field = operand();
        String op = next().toLowerCase(Locale.ROOT);
        if (!op.equals("eq") && !op.equals("ne")) {
            throw new InvalidFilterException("Unsupported operator '" + op + "' in $filter (eq, ne, contains, startswith, endswith)");
        }
        String literal = literal();
        Predicate<Workspace> equal = ws -> field.text(ws).equals(field.normalize(literal));
        return op.equals("eq") ? equal : equal.negate();
    }

    /** A property, possibly wrapped in tolower/toupper, read as text. */
    private record Operand(String property, String caseFunction) {
        String text(Workspace ws) {
            String value = switch (property) {
                case "name" -> ws.name();
                case "id" -> ws.id();
                case "type" -> "Workspace";
                case "capacityid" -> ws.capacityId().orElse("");
                case "isreadonly" -> "false";
                default -> Boolean.toString(ws.capacityId().isPresent());
            };
            return normalize(value);
        }

        String normalize(String value) {
            return switch (caseFunction) {
                case "tolower" -> value.toLowerCase(Locale.ROOT);
                case "toupper" -> value.toUpperCase(Locale.ROOT);
                default -> property.equals("id") || property.equals("capacityid") ? value.toLowerCase(Locale.ROOT) : value;
            };
        }
    }

    private Operand operand() throws InvalidFilterException {
        String word = next().toLowerCase(Locale.ROOT);
        if (word.equals("tolower") || word.equals("toupper")) {
            expect("(");
            Operand inner = operand();
            expect(")");
            return new Operand(inner.property(), word);
        }
        if (!List.of("name", "id", "type", "capacityid", "isreadonly", "isondedicatedcapacity").contains(word)) {
            throw new InvalidFilterException("Could not find a property named '" + word + "' on type 'Group'");
        }
        return new Operand(word, "");
    }

    private String literal() throws InvalidFilterException {
        String token = peek();
        if (token.startsWith("'")) {
            return stringLiteral();
        }
        position++;
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false") || PowerBiIds.isGuid(token)) {
            return lower;
        }
        throw new InvalidFilterException("Expected a literal in $filter, found '" + token + "'");
    }

    private String stringLiteral() throws InvalidFilterException {
        String token = next();
        if (!token.startsWith("'")) {
            throw new InvalidFilterException("Expected a quoted string in $filter, found '" + token + "'");
        }
        return token.substring(1, token.length() - 1).replace("''", "'");
    }

    private boolean acceptWord(String word) {
        if (position < tokens.size() && tokens.get(position).equalsIgnoreCase(word)) {
            position++;
            return true;
        }
        return false;
    }

    private boolean accept(String symbol) {
        return acceptWord(symbol);
    }

    private void expect(String symbol) throws InvalidFilterException {
        if (!accept(symbol)) {
            throw new InvalidFilterException("Expected '" + symbol + "' in $filter"
                    + (position < tokens.size() ? " before '" + tokens.get(position) + "'" : " at its end"));
        }
    }

    private String peek() throws InvalidFilterException {
        if (position >= tokens.size()) {
            throw new InvalidFilterException("The $filter ends too early");
        }
        return tokens.get(position);
    }

    private String next() throws InvalidFilterException {
        String token = peek();
        position++;
        return token;
    }

    private static List<String> tokenize(String filter) throws InvalidFilterException {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < filter.length()) {
            char c = filter.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                int end = i + 1;
                while (true) {
                    if (end >= filter.length()) {
                        throw new InvalidFilterException("Unterminated string literal in $filter");
                    }
                    if (filter.charAt(end) == '\'') {
                        if (end + 1 < filter.length() && filter.charAt(end + 1) == '\'') {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                tokens.add(filter.substring(i, end + 1));
                i = end + 1;
            } else {
                int end = i;
                while (end < filter.length() && !Character.isWhitespace(filter.charAt(end))
                        && "(),'".indexOf(filter.charAt(end)) < 0) {
                    end++;
                }
                tokens.add(filter.substring(i, end));
                i = end;
            }
        }
        if (tokens.isEmpty()) {
            throw new InvalidFilterException("The $filter is empty");
        }
        return tokens;
    }
}
