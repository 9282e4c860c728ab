/**
 * Decisions of the {@code check} job: which privileges a job needs on which table, and whether the
 * privileges an application user holds cover them. Plain Java: no HTTP, no Camel.
 */
package io.dvbridge.check;
