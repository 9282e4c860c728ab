package io.dvbridge.sandbox.dataverse;

import io.dvbridge.sandbox.dataverse.query.FetchLink;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Predicate;

/** A FetchXML query reduced to what the sandbox executes: columns, filter, order, joins and paging position. */
record FetchPlan(List<String> attributes, Predicate<Map<String, Object>> filter,
                 Optional<Comparator<Map<String, Object>>> order, OptionalInt count, int page, Optional<UUID> afterId,
                 List<FetchLink> links, boolean distinct) {
}
