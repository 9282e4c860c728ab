/**
 * dvbridge's meters: their names and labels once ({@link io.dvbridge.metrics.MeterNames}), and how runs, rows,
 * requests and tokens are counted where they happen (the job launcher, the HTTP pipeline). Micrometer only; no other
 * room of dvbridge, so every room may record here. Shown by {@code GET /observe/metrics} (docs/operations.md).
 */
package io.dvbridge.metrics;
