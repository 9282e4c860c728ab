package io.dvbridge.sandbox.dataverse.query;

/**
 * The refusals of the OData URI parser (Microsoft.OData.Core resource strings) and of Dataverse's
 * query builder, worded as the service words them, so a client's error handling meets the real text.
 */
final class Errors {

    private Errors() {
    }

    static ODataQueryException unterminatedStringLiteral(int position, String text) {
        return query("There is an unterminated string literal at position " + position + " in '" + text + "'.");
    }

    /** A quote that follows an identifier (O'Bryan': the lexer reads Bryan'... as a type-prefixed literal). */
    static ODataQueryException unterminatedLiteral(int position, String text) {
        return query("There is an unterminated literal at position " + position + " in '" + text + "'.");
    }

    static ODataQueryException syntaxError(int position, String text) {
        return query("Syntax error at position " + position + " in '" + text + "'.");
    }

    static ODataQueryException invalidCharacter(char c, int position, String text) {
        return query("Syntax error: character '" + c + "' is not valid at position " + position + " in '" + text + "'.");
    }

    static ODataQueryException digitExpected(int position, String text) {
        return query("A digit was expected at position " + position + " in '" + text + "'.");
    }

    static ODataQueryException unbalancedBracket() {
        return query("Found an unbalanced bracket expression.");
    }

    static ODataQueryException expressionExpected(int position, String text) {
        return query("Expression expected at position " + position + " in '" + text + "'.");
    }

    static ODataQueryException openParenExpected(int position, String text) {
        return query("'(' expected at position " + position + " in '" + text + "'.");
    }

    static ODataQueryException closeParenOrCommaExpected(int position, String text) {
        return query("')' or ',' expected at position " + position + " in '" + text + "'.");
    }

    static ODataQueryException closeParenOrOperatorExpected(int position, String text) {
        return query("')' or operator expected at position " + position + " in '" + text + "'.");
    }

    static ODataQueryException unrecognizedLiteral(String edmType, String literal, int position, String text) {
        return query("Unrecognized '" + edmType + "' literal '" + literal + "' at '" + position + "' in '" + text + "'.");
    }

    static ODataQueryException propertyNotFound(String property, String entityLogicalName) {
        return query("Could not find a property named '" + property + "' on type 'Microsoft.Dynamics.CRM."
                + entityLogicalName + "'.");
    }

    static ODataQueryException incompatibleOperands(String left, String right, String operatorKind) {
        return query("A binary operator with incompatible types was detected. Found operand types '" + left + "' and '"
                + right + "' for operator kind '" + operatorKind + "'.");
    }

    static ODataQueryException incompatibleOperand(String type, String operatorKind) {
        return query("A unary operator with an incompatible type was detected. Found operand type '" + type
                + "' for operator kind '" + operatorKind + "'.");
    }

    static ODataQueryException filterNotBoolean() {
        return query("The $filter expression must evaluate to a single boolean value.");
    }

    static ODataQueryException orderByNotSingleValue() {
        return query("The $orderby expression must evaluate to a single value of primitive type.");
    }

    static ODataQueryException unknownFunction(String name) {
        return query("An unknown function with name '" + name + "' was found. This may also be a function import or a "
                + "key lookup on a navigation property, which is not allowed.");
    }

    static ODataQueryException noApplicableFunction(String name, String signatures) {
        return query("No function signature for the function with name '" + name
                + "' matches the specified arguments. The function signatures considered are: " + signatures + ".");
    }

    static ODataQueryException functionWithParametersNotDeclared(String name, String parameters) {
        return query("Could not find a function named '" + name + "' with parameters '" + parameters + "'.");
    }

    static ODataQueryException invalidJsonArray() {
        return query("Invalid JSON. A comma character ',' was expected in scope 'Array'. Every two elements in an array "
                + "and properties of an object must be separated by commas.");
    }

    static ODataQueryException duplicateSelect(String path) {
        return query("Found multiple select terms with same select path '" + path
                + "' at one $select, please combine them together.");
    }

    static ODataQueryException unsupportedNode(String node) {
        return query("The query node " + node + " is not supported.");
    }

    /** What Dataverse's query builder says when a logical name is not an attribute of the table. */
    static ODataQueryException noAttribute(String entityLogicalName, String attribute) {
        return new ODataQueryException(ODataQueryException.NO_ATTRIBUTE, "'" + entityLogicalName
                + "' entity doesn't contain attribute with Name = '" + attribute + "' and NameMapping = 'Logical'.");
    }

    static ODataQueryException tooManyConditions() {
        return new ODataQueryException(ODataQueryException.TOO_MANY_CONDITIONS,
                "Number of conditions in query exceeded maximum limit.");
    }

    /** A condition value that does not convert to the attribute's type (FetchXML and query functions). */
    static ODataQueryException wrongValueType(String entityLogicalName, String attribute, String clrType) {
        return new ODataQueryException(ODataQueryException.INVALID_ARGUMENT, "Condition for attribute '"
                + entityLogicalName + "." + attribute + "': expected argument(s) of type '" + clrType
                + "' but received 'System.String'.");
    }

    static ODataQueryException tooManyLinkEntities() {
        return new ODataQueryException(ODataQueryException.TOO_MANY_LINK_ENTITIES,
                "Number of link entities in query exceeded maximum limit.");
    }

    /** A table the environment does not have, as Dataverse's metadata cache words it (public observation). */
    static ODataQueryException unknownEntity(String logicalName) {
        return new ODataQueryException(ODataQueryException.UNKNOWN_ENTITY, "The entity with a name = '" + logicalName
                + "' with namemapping = 'Logical' was not found in the MetadataCache.");
    }

    static ODataQueryException invalidArgument(String message) {
        return new ODataQueryException(ODataQueryException.INVALID_ARGUMENT, message);
    }

    private static ODataQueryException query(String message) {
        return new ODataQueryException(ODataQueryException.QUERY_ERROR, message);
    }
}
