package io.dvbridge.dataverse;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The pages of several queries one after another, as if they were one query: each query starts only when
 * the one before it has no more pages, and {@code maxRows} (0 = all) limits the rows of all of them together.
 */
final class ChainedPages implements Iterator<List<Map<String, Object>>> {

    private final Iterator<DataverseQuery> queries;
    private final Function<DataverseQuery, Iterator<List<Map<String, Object>>>> run;
    private final long maxRows;
    private Iterator<List<Map<String, Object>>> current = Collections.emptyIterator();
    private long delivered;

    ChainedPages(List<DataverseQuery> queries, Function<DataverseQuery, Iterator<List<Map<String, Object>>>> run, long maxRows) {
        this.queries = List.copyOf(queries).iterator();
        this.run = run;
        this.maxRows = maxRows;
    }

    @Override
    public boolean hasNext() {
        if (maxRows > 0 && delivered >= maxRows) {
            return false;
        }
        while (!current.hasNext() && queries.hasNext()) {
            current = run.apply(queries.next());
        }
        return current.hasNext();
    }

    @Override
    public List<Map<String, Object>> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<Map<String, Object>> page = current.next();
        if (maxRows > 0 && delivered + page.size() > maxRows) {
            page = page.subList(0, (int) (maxRows - delivered));
        }
        delivered += page.size();
        return page;
    }
}
