package io.dvbridge.jobs;

/**
 * One read of an exported record's associations through a many-to-many relationship of the schema:
 * {@code dataverse:query/<entitySet>?navigation=<navigation>&select=<select>} with the record in the
 * CamelDataverseId header; {@code relationship} is the schema's name for it.
 */
public record ExportAssociationQuery(String entitySet, String sourceRow, String navigation, String select, String relationship) {
}
