package io.dvbridge.powerbi;

/** The path of a {@code powerbi:} URI. */
public enum PowerBiOperation {
    groups, reports, datasets, pipelineArtifacts
}
