package io.dvbridge.rebind;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A report of a deployment pipeline stage ({@code GET /pipelines/{id}/stages/{order}/artifacts}, the
 * {@code reports} array): {@code artifactId} is the report in this (target) stage, {@code sourceArtifactId}
 * the report in the previous stage it was deployed from. Together they are an exact old-to-new report id
 * map, which beats any name matching. Pass only report artifacts.
 *
 * @param artifactId       the report id in the target stage (required)
 * @param sourceArtifactId the report id in the source stage; null when the item was not deployed from there
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PipelineArtifact(String artifactId, String sourceArtifactId) {

    public PipelineArtifact {
        artifactId = Ids.required(artifactId, "pipeline artifactId");
        sourceArtifactId = Ids.clean(sourceArtifactId);
    }
}
