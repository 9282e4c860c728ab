package io.dvbridge.powerbi;

import java.util.Optional;

/**
 * A report in a workspace.
 *
 * @param datasetId  empty for paginated reports, which have no dataset
 * @param reportType {@code PowerBIReport} or {@code PaginatedReport}
 */
public record PowerBiReport(String id, String name, Optional<String> datasetId, String reportType, String webUrl,
                            String embedUrl) {

    public boolean paginated() {
        return "PaginatedReport".equals(reportType);
    }
}
