/**
 * The state store: what every instance of dvbridge shares, in one JDBC database behind one HikariCP pool
 * ({@link io.dvbridge.store.StateStore}). PostgreSQL in production; an H2 file
 * ({@link io.dvbridge.store.StoreSettings#EMBEDDED_URL}) for a single instance.
 *
 * <h2>Tables</h2>
 * Created and migrated by Flyway when the store opens (history in {@code dvb_schema_history}):
 * {@code db/migration/common} holds portable SQL, {@code db/migration/h2} and {@code db/migration/postgresql} what
 * differs per database (Quartz's own DDL).
 * <ul>
 *   <li>{@code dvb_runs}, {@code dvb_run_environments}: run records ({@link io.dvbridge.store.RunRecords}), paged
 *       newest first by (created_at, run_id) keys;</li>
 *   <li>{@code dvb_leases}: one writer per (kind, target) ({@link io.dvbridge.store.Leases}), renewed by a
 *       {@link io.dvbridge.store.LeaseKeeper};</li>
 *   <li>{@code CAMEL_MESSAGEPROCESSED}: camel-sql's idempotent repository, with a primary key
 *       ({@link io.dvbridge.store.StoreMessageIdRepository});</li>
 *   <li>{@code QRTZ_*}: Quartz's clustered JDBC job store; {@link io.dvbridge.store.ClusteredQuartz#properties}
 *       gives its settings over the store's pool (the same scheduler name on every instance).</li>
 * </ul>
 *
 * <h2>Time</h2>
 * Run records keep the times their callers give. Lease expiry is decided by the database's
 * {@code CURRENT_TIMESTAMP}, the one clock every instance shares, so instances whose clocks disagree still
 * agree on whether a lease ran out.
 *
 * <h2>Errors</h2>
 * {@link io.dvbridge.store.StateStoreException} and its subclasses carry a message fit to show as it is; it
 * names the store by its URL without credentials, never the password.
 */
package io.dvbridge.store;
