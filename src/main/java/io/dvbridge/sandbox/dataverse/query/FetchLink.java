package io.dvbridge.sandbox.dataverse.query;

import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A FetchXML {@code <link-entity>}: joins table {@code name} on {@code name.from = parent.to}, inner (only rows
 * with a match) or outer (every parent row, the linked columns absent without a match). Its {@code <attribute>}s
 * come back as {@code <alias>.<attribute>}; its {@code <filter>}s choose which linked rows take part in the join;
 * nested link-entities join from it. Reference: learn.microsoft.com/power-apps/developer/data-platform/fetchxml/
 * reference/link-entity and .../fetchxml/join-tables.
 *
 * @param alias the given alias, or the generated {@code <name><N>} (N counts link-entities in document order from 1)
 */
public record FetchLink(String name, String from, String to, String alias, boolean outer, List<String> attributes,
                        boolean allAttributes, Optional<FetchFilter> filter, List<FetchLink> links) {

    /** Dataverse's documented maximum of link-entity elements in one query. */
    public static final int MAX_LINKS = 15;

    /** The other documented link types, which the sandbox does not evaluate (it refuses them instead of ignoring them). */
    private static final List<String> NOT_IMPLEMENTED = List.of("any", "not any", "all", "not all", "exists", "in",
            "matchfirstrowusingcrossapply");

    public FetchLink {
        Objects.requireNonNull(name, "name");
        attributes = List.copyOf(attributes);
        links = List.copyOf(links);
    }

    /** Reads a link-entity and its nested ones; {@code counter} numbers every link-entity of the query. */
    static FetchLink fromElement(Element element, AtomicInteger counter) {
        int number = counter.incrementAndGet();
        if (number > MAX_LINKS) {
            throw Errors.tooManyLinkEntities();
        }
        String name = required(element, "name", "A link-entity element needs a name.");
        String from = required(element, "from", "The link-entity '" + name + "' needs a from attribute.");
        String to = required(element, "to", "The link-entity '" + name + "' needs a to attribute.");
        String alias = SafeXml.attribute(element, "alias").map(String::trim).filter(a -> !a.isEmpty()).orElse(name + number);
        String type = SafeXml.attribute(element, "link-type").map(t -> t.trim().toLowerCase(Locale.ROOT)).orElse("inner");
        if (NOT_IMPLEMENTED.contains(type)) {
            throw Errors.invalidArgument("The link-type '" + type + "' of link-entity '" + alias
                    + "' is not supported by the sandbox; it joins with inner and outer only.");
        }
        if (!type.equals("inner") && !type.equals("outer")) {
            throw Errors.invalidArgument("The link-type '" + type + "' of link-entity '" + alias + "' is not valid.");
        }
        List<String> attributes = new ArrayList<>();
        boolean all = false;
        List<FetchFilter> filters = new ArrayList<>();
        List<FetchLink> links = new ArrayList<>();
        for (Element child : SafeXml.children(element)) {
            switch (child.getTagName()) {
                case "attribute" -> attributes.add(SafeXml.attribute(child, "name").map(String::trim)
                        .orElseThrow(() -> Errors.invalidArgument("An attribute element needs a name.")));
                case "all-attributes" -> all = true;
                case "filter" -> filters.add(FetchFilter.fromElement(child));
                case "link-entity" -> links.add(fromElement(child, counter));
                case "order" -> throw Errors.invalidArgument("An order inside link-entity '" + alias
                        + "' is not supported by the sandbox; order by the columns of the entity element.");
                default -> throw Errors.invalidArgument("The element '" + child.getTagName()
                        + "' is not valid inside link-entity.");
            }
        }
        Optional<FetchFilter> filter = filters.isEmpty() ? Optional.empty()
                : filters.size() == 1 ? Optional.of(filters.get(0)) : Optional.of(new FetchFilter("and", List.of(), filters));
        return new FetchLink(name, from, to, alias, type.equals("outer"), attributes, all, filter, links);
    }

    private static String required(Element element, String attribute, String message) {
        return SafeXml.attribute(element, attribute).map(String::trim).filter(v -> !v.isEmpty())
                .orElseThrow(() -> Errors.invalidArgument(message));
    }
}
