package io.dvbridge.jobs;

import io.dvbridge.rebind.RebindReport;

import java.util.List;
import java.util.Optional;

/**
 * The jobs this bundle runs. Adding a job is a request type (with {@link JobSpec} and {@link Param}s), a
 * route {@code direct:job-<name>}, its domain package, and a line here; every trigger, the CLI and the docs
 * follow from the request type.
 */
public final class JobCatalog {

    private final List<JobDefinition<?>> jobs;

    public JobCatalog(List<JobDefinition<?>> jobs) {
        this.jobs = List.copyOf(jobs);
    }

    public static JobCatalog standard() {
        return new JobCatalog(List.of(
                JobDefinition.of(RebindRequest.class, answer -> new RebindJobReport((RebindReport) answer)),
                JobDefinition.of(MigrateRequest.class),
                JobDefinition.of(DataExportRequest.class),
                JobDefinition.of(DataImportRequest.class),
                JobDefinition.of(CheckRequest.class),
                JobDefinition.of(TableExportRequest.class),
                JobDefinition.of(PushRequest.class)));
    }

    public List<JobDefinition<?>> all() {
        return jobs;
    }

    public Optional<JobDefinition<?>> find(String name) {
        return jobs.stream().filter(j -> j.name().equals(name)).findFirst();
    }

    /** The job by name, or an {@link InvalidRequestException} naming the jobs there are. */
    public JobDefinition<?> require(String name, String field) {
        return find(name).orElseThrow(() -> new InvalidRequestException(field, (name == null || name.isBlank()
                ? "No job named" : "Unknown job '" + RequestField.printable(name) + "'") + "; jobs: " + String.join(", ", names())));
    }

    public List<String> names() {
        return jobs.stream().map(JobDefinition::name).toList();
    }
}
