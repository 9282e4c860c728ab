package io.dvbridge.cmt;

import java.util.List;
import java.util.Optional;

/**
 * What the planner needs from the target's metadata and cannot derive from a schema: entity set
 * names and lookup navigation properties differ from logical names (pluralisation, schema-name
 * casing, one property per target of a customer lookup), and the target's own column rules decide
 * what may be sent. The route answers from table metadata; the planner stays pure.
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

    /** The target's definition of {@code column} of {@code table}; empty when the target has no such column. */
    Optional<TargetColumn> column(String table, String column);

    /**
     * The columns a create in {@code table} must carry: SystemRequired, valid for create, and not filled
     * in by Dataverse itself (owner, state and status columns get defaults).
     */
    List<String> requiredForCreate(String table);
}
