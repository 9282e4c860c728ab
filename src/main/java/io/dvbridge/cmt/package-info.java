/**
 * Configuration data migration compatible with Microsoft's Configuration Migration tool (CMT):
 * plain Java, no HTTP.
 *
 * <ul>
 *   <li>Schema files: {@link io.dvbridge.cmt.CmtSchemaReader} / {@link io.dvbridge.cmt.CmtSchemaWriter}
 *       into {@link io.dvbridge.cmt.CmtSchema} records.</li>
 *   <li>data.zip: {@link io.dvbridge.cmt.DataZipWriter} (streaming, from Web API rows) and
 *       {@link io.dvbridge.cmt.DataZipReader} (streaming, zip or unpacked folder); values converted by
 *       {@link io.dvbridge.cmt.CmtValueFormat}.</li>
 *   <li>Import: {@link io.dvbridge.cmt.ImportPlanner} asks for target rows
 *       ({@link io.dvbridge.cmt.ImportQueries}), takes the answers ({@link io.dvbridge.cmt.TargetSnapshot})
 *       and returns {@link io.dvbridge.cmt.PlannedWrite}s plus a {@link io.dvbridge.cmt.RecordResult} per
 *       record; {@link io.dvbridge.cmt.ImportOutcomes} folds in write failures;
 *       {@link io.dvbridge.cmt.ResultsFile} writes them as JSON Lines.</li>
 * </ul>
 *
 * Untrusted XML is parsed with DTDs and external entities refused; problems are
 * {@link io.dvbridge.cmt.CmtFormatException}s with file, line, column, entity, record and field.
 */
package io.dvbridge.cmt;
