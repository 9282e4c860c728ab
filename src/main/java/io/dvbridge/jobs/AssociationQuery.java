package io.dvbridge.jobs;

import io.dvbridge.cmt.ImportAssociations;

/**
 * One read of the associations a row has: {@code dataverse:query/<entitySet>?navigation=<navigation>&select=<select>}
 * with the row in the CamelDataverseId header.
 */
public record AssociationQuery(String entitySet, String sourceRow, String navigation, String select, ImportAssociations.Read read) {
}
