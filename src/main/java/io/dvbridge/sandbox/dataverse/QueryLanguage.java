package io.dvbridge.sandbox.dataverse;

import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Bridges the Web API to the OData $filter/$orderby and FetchXML engines of the query package. */
final class QueryLanguage {

    private QueryLanguage() {
    }

    static Predicate<Map<String, Object>> filter(TableSchema schema, String text) {
        throw DataverseError.badRequest("query engine not merged yet");
    }

    static Comparator<Map<String, Object>> orderBy(TableSchema schema, String text) {
        throw DataverseError.badRequest("query engine not merged yet");
    }

    static FetchPlan fetch(TableSchema schema, String xml) {
        throw DataverseError.badRequest("query engine not merged yet");
    }

    static String pagingCookie(int nextPage, String primaryId, UUID first, UUID last) {
        throw DataverseError.badRequest("query engine not merged yet");
    }
}
