/**
 * The export job's decisions in plain Java: how a Dataverse table is laid out in a SQL database or a folder
 * (the Data Export Service's layout), the SQL of each dialect, the sinks that commit a page of changes and
 * the position reached in one transaction, reconciliation and the failure log's records. JDBC and files
 * only: no HTTP, no Camel (DESIGN.md, rules of the house).
 */
package io.dvbridge.export;
