package io.dvbridge.cmt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The order the schema's entities are imported in: those named in {@code <entityImportOrder>} first,
 * as written; the rest so that a table comes after the tables its lookups point at, schema order
 * breaking ties and cycles. Lookups a pass cannot bind yet are deferred by the planner, so an order
 * is never wrong, only slower.
 */
public final class ImportOrder {

    private ImportOrder() {
    }

    public static List<CmtEntity> of(CmtSchema schema) {
        Set<String> placed = new LinkedHashSet<>();
        List<CmtEntity> order = new ArrayList<>();
        for (String name : schema.entityImportOrder()) {
            Optional<CmtEntity> entity = schema.entity(name);
            if (entity.isPresent() && placed.add(name)) {
                order.add(entity.get());
            }
        }
        List<CmtEntity> remaining = new ArrayList<>(schema.entities().stream().filter(e -> !placed.contains(e.name())).toList());
        Set<String> remainingNames = new LinkedHashSet<>(remaining.stream().map(CmtEntity::name).toList());
        while (!remaining.isEmpty()) {
            CmtEntity next = remaining.stream()
                    .filter(e -> dependencies(e).stream().noneMatch(d -> !d.equals(e.name()) && remainingNames.contains(d)))
                    .findFirst()
                    .orElse(remaining.get(0));
            remaining.remove(next);
            remainingNames.remove(next.name());
            order.add(next);
        }
        return order;
    }

    private static Set<String> dependencies(CmtEntity entity) {
        Set<String> targets = new LinkedHashSet<>();
        entity.fields().stream().filter(f -> f.type().isLookup()).forEach(f -> targets.addAll(f.lookupTargets()));
        return targets;
    }
}
