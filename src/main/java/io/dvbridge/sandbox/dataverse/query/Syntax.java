package io.dvbridge.sandbox.dataverse.query;

import java.util.List;
import java.util.Optional;

/** The syntax tree of an OData expression, before names and types are checked against a table. */
sealed interface Syntax {

    /** {@code eq ne gt ge lt le and or} with their OData operator kinds. */
    record Binary(String operator, Syntax left, Syntax right) implements Syntax {
    }

    record Not(Syntax operand) implements Syntax {
    }

    record Negate(Syntax operand) implements Syntax {
    }

    record Literal(Token token) implements Syntax {
    }

    /** A property, or a path through navigation properties when it has more than one segment. */
    record Property(List<String> path, int position) implements Syntax {
    }

    record Call(String name, List<Argument> arguments, int position) implements Syntax {
    }

    /** A function argument; named ({@code PropertyName='x'}) for Dataverse query functions. */
    record Argument(Optional<String> name, Syntax value) implements Syntax {
    }
}
