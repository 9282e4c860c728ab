package io.dvbridge.cmt;

/**
 * The Web API names the planner cannot derive from a schema: entity set names and lookup
 * navigation properties differ from logical names (pluralisation, schema-name casing, one property
 * per target of a customer lookup). The route answers from table metadata; the planner stays pure.
 */
public interface WebApiNames {

    /** The entity set of a table, e.g. {@code accounts} for {@code account}. */
    String entitySetName(String table);

    /**
     * The single-valued navigation property behind lookup {@code lookupField} of {@code table} when it
     * points at {@code targetTable}, e.g. {@code parentcustomerid_account} for contact's customer lookup.
     *
     * @throws IllegalStateException when the metadata names none; the planner fails the record with its message
     */
    String lookupNavigationProperty(String table, String lookupField, String targetTable);
}
