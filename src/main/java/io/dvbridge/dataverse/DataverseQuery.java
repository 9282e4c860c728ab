package io.dvbridge.dataverse;

import java.util.List;
import java.util.Optional;

/**
 * A query on one entity set. {@code filter} is final OData text: values already formatted as
 * literals (see {@link FilterParameters}).
 *
 * @param pageSize           rows per page asked for with {@code Prefer: odata.maxpagesize} (1..5000)
 * @param maxRows            stop after this many rows; 0 = all
 * @param includeAnnotations value for {@code Prefer: odata.include-annotations}, e.g. {@code *}; empty = none
 */
public record DataverseQuery(String entitySet, List<String> select, Optional<String> filter, Optional<String> orderBy,
                             Optional<String> expand, int pageSize, long maxRows, Optional<String> includeAnnotations) {

    public static final int MAX_PAGE_SIZE = 5000;

    public DataverseQuery {
        DataverseClient.requireName(entitySet, "entity set");
        select = List.copyOf(select);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_PAGE_SIZE + ", not " + pageSize);
        }
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must not be negative");
        }
    }

    public static DataverseQuery of(String entitySet) {
        return new DataverseQuery(entitySet, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                MAX_PAGE_SIZE, 0, Optional.empty());
    }

    public DataverseQuery withSelect(List<String> columns) {
        return new DataverseQuery(entitySet, columns, filter, orderBy, expand, pageSize, maxRows, includeAnnotations);
    }

    public DataverseQuery withFilter(String odataFilter) {
        return new DataverseQuery(entitySet, select, Optional.of(odataFilter), orderBy, expand, pageSize, maxRows, includeAnnotations);
    }

    public DataverseQuery withOrderBy(String orderByText) {
        return new DataverseQuery(entitySet, select, filter, Optional.of(orderByText), expand, pageSize, maxRows, includeAnnotations);
    }

    public DataverseQuery withPageSize(int rows) {
        return new DataverseQuery(entitySet, select, filter, orderBy, expand, rows, maxRows, includeAnnotations);
    }

    public DataverseQuery withMaxRows(long rows) {
        return new DataverseQuery(entitySet, select, filter, orderBy, expand, pageSize, rows, includeAnnotations);
    }

    /** The page size actually requested: never more rows per page than the caller wants in total. */
    int effectivePageSize() {
        return maxRows > 0 && maxRows < pageSize ? (int) maxRows : pageSize;
    }
}
