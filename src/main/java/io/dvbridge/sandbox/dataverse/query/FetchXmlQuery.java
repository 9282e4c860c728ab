package io.dvbridge.sandbox.dataverse.query;

import io.dvbridge.sandbox.dataverse.Column;
import io.dvbridge.sandbox.dataverse.TableSchema;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The part of FetchXML that Configuration Migration schema filters and exports use: one {@code <entity>}
 * with {@code <attribute>}s or {@code <all-attributes/>}, {@code <filter>}s (nested, and/or),
 * {@code <order>}s, inner and outer {@code <link-entity>}s (nested, with their own attributes and filters, see
 * {@link FetchLink}), and the attributes {@code count}, {@code page}, {@code top}, {@code paging-cookie} and
 * {@code distinct} of {@code <fetch>}. Aggregates and the other link types are refused, not ignored.
 */
public final class FetchXmlQuery {

    private final String entityName;
    private final List<String> attributes;
    private final boolean allAttributes;
    private final Optional<FetchFilter> filter;
    private final List<FetchOrder> orders;
    private final OptionalInt count;
    private final OptionalInt page;
    private final OptionalInt top;
    private final Optional<String> pagingCookie;
    private final List<FetchLink> links;
    private final boolean distinct;

    private FetchXmlQuery(String entityName, List<String> attributes, boolean allAttributes,
                          Optional<FetchFilter> filter, List<FetchOrder> orders, OptionalInt count, OptionalInt page,
                          OptionalInt top, Optional<String> pagingCookie, List<FetchLink> links, boolean distinct) {
        this.entityName = entityName;
        this.attributes = List.copyOf(attributes);
        this.allAttributes = allAttributes;
        this.filter = filter;
        this.orders = List.copyOf(orders);
        this.count = count;
        this.page = page;
        this.top = top;
        this.pagingCookie = pagingCookie;
        this.links = List.copyOf(links);
        this.distinct = distinct;
    }

    /**
     * Parses a {@code <fetch>} document (already URL-decoded) with a hardened parser.
     *
     * @throws FetchXmlParseException when it is not well-formed or carries a DOCTYPE
     * @throws ODataQueryException    when it is well-formed but not a query the sandbox can run
     */
    public static FetchXmlQuery parse(String xml) {
        Objects.requireNonNull(xml, "xml");
        Element fetch = SafeXml.parse(xml).getDocumentElement();
        if (!fetch.getTagName().equals("fetch")) {
            throw Errors.invalidArgument("The root element of a FetchXML query must be 'fetch', not '"
                    + fetch.getTagName() + "'.");
        }
        if (SafeXml.attribute(fetch, "aggregate").map(Boolean::parseBoolean).orElse(false)) {
            throw Errors.invalidArgument("Aggregate FetchXML queries are not supported by the sandbox.");
        }
        List<Element> entities = SafeXml.children(fetch, "entity");
        if (entities.size() != 1) {
            throw Errors.invalidArgument("A FetchXML query needs exactly one entity element, found "
                    + entities.size() + ".");
        }
        Element entity = entities.get(0);
        String name = SafeXml.attribute(entity, "name").map(String::trim).filter(n -> !n.isEmpty())
                .orElseThrow(() -> Errors.invalidArgument("The entity element needs a name."));
        List<String> attributes = new ArrayList<>();
        boolean all = false;
        List<FetchFilter> filters = new ArrayList<>();
        List<FetchOrder> orders = new ArrayList<>();
        List<FetchLink> links = new ArrayList<>();
        AtomicInteger linkCounter = new AtomicInteger();
        for (Element child : SafeXml.children(entity)) {
            switch (child.getTagName()) {
                case "attribute" -> attributes.add(SafeXml.attribute(child, "name").map(String::trim)
                        .orElseThrow(() -> Errors.invalidArgument("An attribute element needs a name.")));
                case "all-attributes" -> all = true;
                case "filter" -> filters.add(FetchFilter.fromElement(child));
                case "order" -> orders.add(order(child));
                case "link-entity" -> links.add(FetchLink.fromElement(child, linkCounter));
                default -> throw Errors.invalidArgument("The element '" + child.getTagName()
                        + "' is not valid inside entity.");
            }
        }
        // Several filters directly under entity are combined with and.
        Optional<FetchFilter> filter = filters.isEmpty() ? Optional.empty()
                : filters.size() == 1 ? Optional.of(filters.get(0))
                : Optional.of(new FetchFilter("and", List.of(), filters));
        return new FetchXmlQuery(name, attributes, all, filter, orders, integer(fetch, "count"),
                integer(fetch, "page"), integer(fetch, "top"),
                SafeXml.attribute(fetch, "paging-cookie").filter(c -> !c.isBlank()), links,
                SafeXml.attribute(fetch, "distinct").map(d -> d.trim().equalsIgnoreCase("true")).orElse(false));
    }

    /**
     * Parses a lone {@code <filter>} element, as a Configuration Migration schema carries it (after the
     * schema's own XML unescaping).
     */
    public static FetchFilter parseFilter(String xml) {
        Objects.requireNonNull(xml, "xml");
        Document document = SafeXml.parse(xml);
        Element root = document.getDocumentElement();
        if (!root.getTagName().equals("filter")) {
            throw Errors.invalidArgument("Expected a filter element, found '" + root.getTagName() + "'.");
        }
        return FetchFilter.fromElement(root);
    }

    private static FetchOrder order(Element element) {
        String attribute = SafeXml.attribute(element, "attribute").map(String::trim)
                .orElseThrow(() -> Errors.invalidArgument("An order element needs an attribute."));
        boolean descending = SafeXml.attribute(element, "descending").map(d -> d.trim().equalsIgnoreCase("true"))
                .orElse(false);
        return new FetchOrder(attribute, descending);
    }

    private static OptionalInt integer(Element fetch, String name) {
        Optional<String> raw = SafeXml.attribute(fetch, name).map(String::trim);
        if (raw.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < 1) {
                throw new NumberFormatException();
            }
            return OptionalInt.of(value);
        } catch (NumberFormatException e) {
            throw Errors.invalidArgument("The fetch attribute '" + name + "' must be a positive integer, not '"
                    + raw.get() + "'.");
        }
    }

    /** Logical name of the queried table. */
    public String entityName() {
        return entityName;
    }

    /** The {@code <attribute>} logical names in document order (empty with all-attributes or none). */
    public List<String> attributes() {
        return attributes;
    }

    public boolean allAttributes() {
        return allAttributes;
    }

    public Optional<FetchFilter> filter() {
        return filter;
    }

    public List<FetchOrder> orders() {
        return orders;
    }

    /** Page size ({@code count}). */
    public OptionalInt count() {
        return count;
    }

    /** 1-based page number ({@code page}). */
    public OptionalInt page() {
        return page;
    }

    public OptionalInt top() {
        return top;
    }

    /** The {@code paging-cookie} attribute after XML unescaping: decode it with {@link PagingCookie#decode}. */
    public Optional<String> pagingCookie() {
        return pagingCookie;
    }

    /** The link-entities directly under the entity, each with its nested ones. */
    public List<FetchLink> links() {
        return links;
    }

    /** {@code distinct="true"}: identical result rows come once. */
    public boolean distinct() {
        return distinct;
    }

    /**
     * The Web API property names to return: the attributes asked for, or every column when the query has
     * all-attributes or no attribute elements.
     *
     * @throws ODataQueryException for an attribute the table does not have
     */
    public List<String> selectedProperties(TableSchema schema) {
        requireEntity(schema);
        if (allAttributes || attributes.isEmpty()) {
            return schema.columns().stream().map(Column::valueProperty).toList();
        }
        return attributes.stream().map(a -> schema.column(a)
                .orElseThrow(() -> Errors.noAttribute(schema.logicalName(), a)).valueProperty()).distinct().toList();
    }

    /** The row test of the query's filter (every row when there is none). */
    public Predicate<Map<String, Object>> toPredicate(TableSchema schema) {
        return toPredicate(schema, name -> Optional.empty());
    }

    /**
     * The row test of the query's filter, whose {@code entityname} conditions test the link-entities' rows: run it
     * on joined rows ({@link FetchJoin#merged}) when the query has link-entities.
     *
     * @param tables the environment's table schemas by logical name
     */
    public Predicate<Map<String, Object>> toPredicate(TableSchema schema, Function<String, Optional<TableSchema>> tables) {
        requireEntity(schema);
        Map<String, String> aliases = new java.util.HashMap<>();
        collectAliases(links, aliases);
        return filter.map(f -> f.toPredicate(schema, alias -> Optional.ofNullable(aliases.get(alias))
                .map(name -> tables.apply(name).orElseThrow(() -> Errors.unknownEntity(name))))).orElse(row -> true);
    }

    private static void collectAliases(List<FetchLink> links, Map<String, String> aliases) {
        for (FetchLink link : links) {
            aliases.put(link.alias(), link.name());
            collectAliases(link.links(), aliases);
        }
    }

    /** The order of the {@code <order>} elements, when there are any. */
    public Optional<Comparator<Map<String, Object>>> toComparator(TableSchema schema) {
        requireEntity(schema);
        Comparator<Map<String, Object>> result = null;
        for (FetchOrder order : orders) {
            Column column = schema.column(order.attribute())
                    .orElseThrow(() -> Errors.noAttribute(schema.logicalName(), order.attribute()));
            EdmType type = EdmType.of(column.type());
            String property = column.valueProperty();
            Comparator<Map<String, Object>> one = ODataOrderBy.byValue(row -> Values.read(row.get(property), type));
            if (order.descending()) {
                one = one.reversed();
            }
            result = result == null ? one : result.thenComparing(one);
        }
        return Optional.ofNullable(result);
    }

    private void requireEntity(TableSchema schema) {
        if (!schema.logicalName().equals(entityName)) {
            throw new IllegalArgumentException("query is for '" + entityName + "', schema is '"
                    + schema.logicalName() + "'");
        }
    }
}
