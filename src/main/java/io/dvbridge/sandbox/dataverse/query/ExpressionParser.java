package io.dvbridge.sandbox.dataverse.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recursive-descent parser for {@code $filter} and {@code $orderby} following the grammar and precedence of
 * Microsoft.OData.Core's UriQueryExpressionParser: or &lt; and &lt; comparison &lt; unary (not, -) &lt; primary.
 * So {@code not} binds tighter than {@code eq}: {@code not name eq 'x'} negates {@code name}, which fails
 * binding, exactly as on Dataverse; write {@code not (name eq 'x')}.
 */
final class ExpressionParser {

    record OrderTerm(Syntax expression, boolean descending) {
    }

    private static final List<String> COMPARISONS = List.of("eq", "ne", "gt", "ge", "lt", "le");
    /**
     * OData stops at a recursion depth of 800 with each nesting level costing eight parser frames; the
     * guard also keeps a hostile filter from exhausting the sandbox's stack.
     */
    static final int MAX_NESTING = 100;

    private final ExpressionLexer lexer;
    private final Map<String, String> aliases;
    private int nesting;

    ExpressionParser(String text, Map<String, String> aliases) {
        this.lexer = new ExpressionLexer(text);
        this.aliases = aliases;
    }

    Syntax parseFilter() {
        Syntax result = expression();
        requireEnd();
        return result;
    }

    List<OrderTerm> parseOrderBy() {
        List<OrderTerm> terms = new ArrayList<>();
        while (true) {
            Syntax expression = expression();
            boolean descending = false;
            if (lexer.current().isKeyword("asc")) {
                lexer.next();
            } else if (lexer.current().isKeyword("desc")) {
                lexer.next();
                descending = true;
            }
            terms.add(new OrderTerm(expression, descending));
            if (!lexer.current().is(Token.Kind.COMMA)) {
                break;
            }
            lexer.next();
        }
        requireEnd();
        return terms;
    }

    private void requireEnd() {
        if (!lexer.current().is(Token.Kind.END)) {
            throw Errors.syntaxError(lexer.current().end(), lexer.text());
        }
    }

    private Syntax expression() {
        enter();
        Syntax left = and();
        while (lexer.current().isKeyword("or")) {
            lexer.next();
            left = new Syntax.Binary("or", left, and());
        }
        nesting--;
        return left;
    }

    private void enter() {
        if (++nesting > MAX_NESTING) {
            throw new ODataQueryException(ODataQueryException.QUERY_ERROR, "Recursion depth exceeded allowed limit.");
        }
    }

    private Syntax and() {
        Syntax left = comparison();
        while (lexer.current().isKeyword("and")) {
            lexer.next();
            left = new Syntax.Binary("and", left, comparison());
        }
        return left;
    }

    private Syntax comparison() {
        Syntax left = unary();
        while (lexer.current().is(Token.Kind.IDENTIFIER) && COMPARISONS.contains(lexer.current().text())) {
            String operator = lexer.current().text();
            lexer.next();
            left = new Syntax.Binary(operator, left, unary());
        }
        return left;
    }

    private Syntax unary() {
        Token token = lexer.current();
        if (token.is(Token.Kind.MINUS) || token.isKeyword("not")) {
            Token next = lexer.next();
            if (token.is(Token.Kind.MINUS) && next.isNumeric()) {
                Token merged = new Token(next.kind(), "-" + next.text(), token.position(), next.end());
                lexer.next();
                return new Syntax.Literal(merged);
            }
            enter();
            Syntax operand = unary();
            nesting--;
            return token.is(Token.Kind.MINUS) ? new Syntax.Negate(operand) : new Syntax.Not(operand);
        }
        return primary();
    }

    private Syntax primary() {
        // The OData parser peeks once here, so a lexical error in the following token surfaces now.
        lexer.peek();
        Syntax result = primaryStart();
        if (result instanceof Syntax.Property property) {
            List<String> path = new ArrayList<>(property.path());
            while (lexer.current().is(Token.Kind.SLASH)) {
                Token segment = lexer.next();
                if (!segment.is(Token.Kind.IDENTIFIER)) {
                    throw Errors.expressionExpected(segment.position(), lexer.text());
                }
                path.add(segment.text());
                lexer.next();
            }
            return new Syntax.Property(List.copyOf(path), property.position());
        }
        return result;
    }

    private Syntax primaryStart() {
        Token token = lexer.current();
        switch (token.kind()) {
            case IDENTIFIER -> {
                return identifier(token);
            }
            case OPEN_PAREN -> {
                lexer.next();
                Syntax inner = expression();
                if (!lexer.current().is(Token.Kind.CLOSE_PAREN)) {
                    throw Errors.closeParenOrOperatorExpected(lexer.current().position(), lexer.text());
                }
                lexer.next();
                return inner;
            }
            case ALIAS -> {
                lexer.next();
                return aliasValue(token);
            }
            default -> {
                if (!token.isLiteral()) {
                    throw Errors.expressionExpected(token.position(), lexer.text());
                }
                literalMustBeRecognised(token, lexer.text());
                lexer.next();
                return new Syntax.Literal(token);
            }
        }
    }

    /** {@code name}, or a function call {@code contains(...)} / {@code Microsoft.Dynamics.CRM.In(...)}. */
    private Syntax identifier(Token first) {
        StringBuilder name = new StringBuilder(first.text());
        int end = first.end();
        boolean dotted = false;
        Token next = lexer.peek();
        // A dotted function name is written without spaces: Microsoft.Dynamics.CRM.In(
        while (next.is(Token.Kind.DOT) && next.position() == end) {
            Token dot = lexer.next();
            Token part = lexer.peek();
            if (!part.is(Token.Kind.IDENTIFIER) || part.position() != dot.end()) {
                throw Errors.syntaxError(dot.end(), lexer.text());
            }
            lexer.next();
            dotted = true;
            name.append('.').append(part.text());
            end = part.end();
            next = lexer.peek();
        }
        if (next.is(Token.Kind.OPEN_PAREN) && next.position() == end) {
            lexer.next();
            return new Syntax.Call(name.toString(), arguments(), first.position());
        }
        if (dotted) {
            throw Errors.syntaxError(end, lexer.text());
        }
        lexer.next();
        return new Syntax.Property(List.of(first.text()), first.position());
    }

    private List<Syntax.Argument> arguments() {
        List<Syntax.Argument> arguments = new ArrayList<>();
        Token token = lexer.next();
        if (token.is(Token.Kind.CLOSE_PAREN)) {
            lexer.next();
            return arguments;
        }
        while (true) {
            Token current = lexer.current();
            if (current.is(Token.Kind.IDENTIFIER) && lexer.peek().is(Token.Kind.EQUAL)) {
                lexer.next();
                lexer.next();
                arguments.add(new Syntax.Argument(Optional.of(current.text()), expression()));
            } else {
                arguments.add(new Syntax.Argument(Optional.empty(), expression()));
            }
            if (!lexer.current().is(Token.Kind.COMMA)) {
                break;
            }
            lexer.next();
        }
        if (!lexer.current().is(Token.Kind.CLOSE_PAREN)) {
            throw Errors.closeParenOrCommaExpected(lexer.current().position(), lexer.text());
        }
        lexer.next();
        return arguments;
    }

    /**
     * A parameter alias ({@code @p1}) stands for the literal given beside the query option; an alias
     * without a value is null, as in OData.
     */
    private Syntax aliasValue(Token alias) {
        String value = aliases.get(alias.text());
        if (value == null) {
            value = aliases.get(alias.text().substring(1));
        }
        if (value == null) {
            return new Syntax.Literal(new Token(Token.Kind.NULL, "null", alias.position(), alias.end()));
        }
        ExpressionLexer valueLexer = new ExpressionLexer(value);
        Token literal = valueLexer.current();
        if (!literal.isLiteral()) {
            throw Errors.expressionExpected(literal.position(), value);
        }
        literalMustBeRecognised(literal, value);
        if (!valueLexer.next().is(Token.Kind.END)) {
            throw Errors.syntaxError(valueLexer.current().end(), value);
        }
        return new Syntax.Literal(literal);
    }

    /** Type-prefixed and binary literals have no Dataverse type; OData refuses them while parsing. */
    private static void literalMustBeRecognised(Token token, String text) {
        if (token.is(Token.Kind.QUOTED)) {
            throw Errors.unrecognizedLiteral("Edm.String", token.text(), token.position(), text);
        }
        if (token.is(Token.Kind.BINARY)) {
            throw Errors.unrecognizedLiteral("Edm.Binary", token.text(), token.position(), text);
        }
    }
}
