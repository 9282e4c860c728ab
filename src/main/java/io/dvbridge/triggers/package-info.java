/**
 * What starts jobs besides the command line: the REST API, queue messages and schedules, declared in
 * routes/triggers.yaml and routes/triggers-queue.yaml. Every trigger reads requests through the job's
 * request schema and runs them through the job launcher; nothing here names a job.
 */
package io.dvbridge.triggers;
