package io.dvbridge.dataverse;

/** The bulk messages of the bulk operations, each bound to an entity set: {@code <set>/Microsoft.Dynamics.CRM.<name>}. */
enum BulkMessage {
    CreateMultiple, UpdateMultiple, UpsertMultiple;

    static BulkMessage of(DataverseOperation operation) {
        return switch (operation) {
            case createMultiple -> CreateMultiple;
            case updateMultiple -> UpdateMultiple;
            case upsertMultiple -> UpsertMultiple;
            default -> throw new IllegalArgumentException(operation + " is not a bulk operation");
        };
    }
}
