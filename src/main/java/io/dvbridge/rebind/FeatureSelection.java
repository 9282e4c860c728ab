package io.dvbridge.rebind;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which features a run covers: one of them or {@link #ALL}. */
public enum FeatureSelection {
    HISTORICAL(List.of(Feature.HISTORICAL)),
    REALTIME(List.of(Feature.REALTIME)),
    ALL(List.of(Feature.HISTORICAL, Feature.REALTIME));

    private final List<Feature> features;

    FeatureSelection(List<Feature> features) {
        this.features = features;
    }

    public List<Feature> features() {
        return features;
    }

    /**
     * Parses a user's choice ({@code historical}, {@code realtime}, {@code real-time}, {@code all}, any
     * case).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static FeatureSelection parse(String text) {
        String wanted = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        return Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown feature '" + text + "'; use one of "
                        + Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "))));
    }
}
