package io.dvbridge.rebind;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Customer Service data model customizations that own analytics reports, identified in Dataverse by
 * the {@code msdyn_datainsightsandanalyticsfeature} lookup.
 */
public enum Feature {
    HISTORICAL("f2266eb4-226f-4cf1-b422-89c5f48b40cb"),
    REALTIME("09c168be-efe2-4f08-a986-3aab7095c863");

    private final String featureId;

    Feature(String featureId) {
        this.featureId = featureId;
    }

    /** The {@code msdyn_datainsightsandanalyticsfeatureid} of this feature. */
    public String featureId() {
        return featureId;
    }

    /** The feature with this lookup value (compared case-insensitively), if it is one we know. */
    public static Optional<Feature> fromFeatureId(String featureId) {
        return Arrays.stream(values()).filter(f -> Ids.same(f.featureId, featureId)).findFirst();
    }
}
