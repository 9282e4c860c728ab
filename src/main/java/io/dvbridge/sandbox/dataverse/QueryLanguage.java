package io.dvbridge.sandbox.dataverse;

import io.dvbridge.sandbox.dataverse.query.FetchJoin;
import io.dvbridge.sandbox.dataverse.query.FetchLink;
import io.dvbridge.sandbox.dataverse.query.FetchXmlQuery;
import io.dvbridge.sandbox.dataverse.query.ODataFilter;
import io.dvbridge.sandbox.dataverse.query.ODataOrderBy;
import io.dvbridge.sandbox.dataverse.query.ODataQueryException;
import io.dvbridge.sandbox.dataverse.query.ODataSelect;
import io.dvbridge.sandbox.dataverse.query.PagingCookie;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bridges the Web API to the OData and FetchXML engines of the query package, turning their errors into Dataverse's. */
final class QueryLanguage {

    private QueryLanguage() {
    }

    /** @param queryParameters the request's query, whose {@code @alias} entries fill parameter aliases in the filter */
    static Predicate<Map<String, Object>> filter(TableSchema schema, String text, Map<String, String> queryParameters) {
        Map<String, String> aliases = new LinkedHashMap<>();
        queryParameters.forEach((k, v) -> {
            if (k.startsWith("@")) {
                aliases.put(k, v);
            }
        });
        return translate(() -> ODataFilter.parse(text, schema, aliases));
    }

    static Comparator<Map<String, Object>> orderBy(TableSchema schema, String text) {
        return translate(() -> ODataOrderBy.parse(text, schema));
    }

    static List<String> select(TableSchema schema, String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return translate(() -> ODataSelect.parse(text, schema));
    }

    /** @param tables the environment's tables by logical name, for link-entities and their conditions */
    static FetchPlan fetch(TableSchema schema, String xml, Function<String, Optional<Table>> tables) {
        return translate(() -> {
            FetchXmlQuery query = FetchXmlQuery.parse(xml);
            if (!query.entityName().equals(schema.logicalName())) {
                throw DataverseError.badRequest("The fetchXml entity '" + query.entityName() + "' does not match the entity set '"
                        + schema.entitySetName() + "'.");
            }
            List<String> properties = query.allAttributes() ? List.of() : query.selectedProperties(schema);
            Optional<UUID> after = query.pagingCookie().filter(s -> !s.isBlank()).map(c -> PagingCookie.decode(c).lastId());
            OptionalInt count = query.count().isPresent() ? query.count() : query.top();
            return new FetchPlan(properties, query.toPredicate(schema, name -> tables.apply(name).map(Table::schema)),
                    query.toComparator(schema), count,
                    query.page().orElse(1), after, query.links(), query.distinct());
        });
    }

    /** The query's link-entities run over {@code rows} (each row alone when there are none). */
    static List<FetchJoin.Joined<StoredRow>> join(TableSchema schema, List<StoredRow> rows, List<FetchLink> links,
                                                  Function<String, Optional<Table>> tables) {
        if (links.isEmpty()) {
            return rows.stream().map(row -> new FetchJoin.Joined<>(row, Map.<String, StoredRow>of())).toList();
        }
        FetchJoin<StoredRow> join = new FetchJoin<>(StoredRow::values,
                name -> tables.apply(name).map(t -> new FetchJoin.Source<>(t.schema(), t.rows())));
        return translate(() -> join.join(schema, rows, links));
    }

    /** The {@code <alias>.<attribute>} columns the link-entities return, in document order. */
    static List<FetchJoin.Selected> linkedColumns(TableSchema schema, List<FetchLink> links, Function<String, Optional<Table>> tables) {
        return translate(() -> FetchJoin.selected(schema, links, name -> tables.apply(name).map(Table::schema)));
    }

    /** The fetchxmlpagingcookie annotation for the page just returned. */
    static String pagingCookie(int returnedPage, String primaryId, UUID first, UUID last) {
        return PagingCookie.encode(returnedPage, primaryId, first, last);
    }

    private static <T> T translate(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ODataQueryException e) {
            throw new DataverseError(e.httpStatus(), e.code(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw DataverseError.badRequest(e.getMessage());
        }
    }
}
