package io.dvbridge.powerbi;

import java.util.Optional;

/**
 * An item in one stage of a deployment pipeline. {@code sourceArtifactId} is the same item in the
 * previous stage: the exact old-to-new id map after a deployment.
 *
 * @param kind {@code report}, {@code dataset}, {@code dashboard}, {@code dataflow} or {@code datamart}
 */
public record PipelineArtifact(String kind, String artifactId, String displayName, Optional<String> sourceArtifactId,
                               Optional<String> targetArtifactId) {
}
