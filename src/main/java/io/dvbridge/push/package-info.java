/**
 * The push job's decisions, in plain Java: which source rows are valid for a Dataverse table (from the table's
 * own metadata, mapped into {@link io.dvbridge.push.TargetTable} by the job), what each valid row's identity and
 * JSON-ready values are, which rows are rejected and why, the reject threshold, the rejects file, the sources
 * (CSV, JSON Lines, JDBC) read as rows, and which rows a replace deletes. No HTTP, no Camel.
 */
package io.dvbridge.push;
