/**
 * Decisions of the "rebind analytics reports" job (seed 000): which Power BI workspace is the target,
 * which report each {@code msdyn_dataanalyticsreport} row should point at, which rows need a write,
 * what a run's report says and how to undo a run. Plain Java: no HTTP, no Camel types. The routes
 * fetch the data, call these classes through small beans and perform the writes.
 *
 * <h2>Conventions of this package</h2>
 * <ul>
 *   <li><b>Ids</b> (Dataverse row ids, Power BI workspace/report/dataset ids) are GUID strings. They are
 *       trimmed on construction, a blank id is treated as absent, and ids are always compared
 *       case-insensitively ({@code Ids.same}), because Dataverse and Power BI do not agree on case.</li>
 *   <li><b>Absent values.</b> Records that cross into Camel and JSON are serialised by a plain Jackson
 *       mapper; {@code Jdk8Module} is not on the class path, so {@code Optional} components would not
 *       serialise. Components that may be absent (documented per record, e.g.
 *       {@link io.dvbridge.rebind.PowerBiReport#datasetId()}) are therefore nullable Strings, and each
 *       such record offers an {@code Optional}-returning accessor ({@code ...IfPresent()}) for Java
 *       callers. Lists are never null (null becomes an empty, immutable list).</li>
 *   <li><b>Input records</b> ignore unknown JSON properties and also accept the Dataverse column names
 *       ({@link io.dvbridge.rebind.AnalyticsColumns}) as aliases, so a Dataverse row JSON can be bound
 *       to them directly.</li>
 *   <li><b>Time</b> is {@link java.time.Instant}; {@link io.dvbridge.rebind.RebindJson#mapper()} gives a
 *       mapper with the JSR-310 module that writes ISO-8601 strings.</li>
 * </ul>
 */
package io.dvbridge.rebind;
