package io.dvbridge.sandbox.dataverse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.sandbox.http.Json;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code EntityDefinitions}: table definitions, their Attributes (with type casts for type-specific
 * properties such as MaxLength and OptionSet) and Keys, as Dataverse's metadata Web API shows them.
 */
final class MetadataApi {

    private static final Pattern PATH = Pattern.compile(
            "^EntityDefinitions(?:\\((?:LogicalName='([^']+)'|([0-9a-fA-F-]{36}))\\))?(?:/(Attributes|Keys|ManyToOneRelationships|ManyToManyRelationships)(?:\\(LogicalName='([^']+)'\\))?(?:/Microsoft\\.Dynamics\\.CRM\\.([A-Za-z]+))?)?$");
    private static final Set<String> ENTITY_PROPERTIES = Set.of("MetadataId", "LogicalName", "SchemaName", "EntitySetName",
            "LogicalCollectionName", "PrimaryIdAttribute", "PrimaryNameAttribute", "ChangeTrackingEnabled", "ObjectTypeCode",
            "DisplayName", "TableType", "IsCustomEntity", "Attributes", "Keys", "ManyToOneRelationships", "ManyToManyRelationships");
    private static final Set<String> RELATIONSHIP_PROPERTIES = Set.of("MetadataId", "SchemaName", "RelationshipType",
            "ReferencedEntity", "ReferencedAttribute", "ReferencingEntity", "ReferencingAttribute",
            "ReferencedEntityNavigationPropertyName", "ReferencingEntityNavigationPropertyName", "IsCustomRelationship");
    private static final Set<String> MANY_TO_MANY_PROPERTIES = Set.of("MetadataId", "SchemaName", "RelationshipType",
            "Entity1LogicalName", "Entity2LogicalName", "Entity1NavigationPropertyName", "Entity2NavigationPropertyName",
            "IntersectEntityName", "Entity1IntersectAttribute", "Entity2IntersectAttribute", "IsCustomRelationship");
    private static final List<String> BASE_ATTRIBUTE_PROPERTIES = List.of("MetadataId", "LogicalName", "SchemaName",
            "EntityLogicalName", "AttributeType", "AttributeTypeName", "RequiredLevel", "IsValidForCreate", "IsValidForUpdate",
            "IsValidForRead", "IsPrimaryId", "IsPrimaryName", "IsCustomAttribute", "DisplayName", "AttributeOf");

    private final EnvironmentData data;
    private final String apiBase;

    MetadataApi(EnvironmentData data, String apiBase) {
        this.data = data;
        this.apiBase = apiBase;
    }

    SandboxResponse handle(SandboxRequest request, String path) {
        if (!request.method().equals("GET")) {
            return new DataverseError(405, DataverseError.RESOURCE_NOT_FOUND, "The sandbox's metadata is read-only.").toResponse();
        }
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            throw DataverseError.segmentNotFound(path.substring(path.indexOf('/') + 1));
        }
        Map<String, String> params = request.queryParameters();
        if (m.group(1) == null && m.group(2) == null) {
            return entityList(params);
        }
        Table table = (m.group(1) != null ? data.table(m.group(1)) : data.tables().stream()
                .filter(t -> metadataId(t.schema().logicalName()).toString().equalsIgnoreCase(m.group(2))).findFirst())
                .orElseThrow(() -> new DataverseError(404, DataverseError.NOT_FOUND, "Could not find entity with name '"
                        + Optional.ofNullable(m.group(1)).orElse(m.group(2)) + "'."));
        TableSchema schema = table.schema();
        if (m.group(3) == null) {
            ObjectNode entity = entity(schema, select(params, ENTITY_PROPERTIES, "EntityMetadata"));
            String expand = params.getOrDefault("$expand", "");
            if (expand.startsWith("Attributes")) {
                entity.set("Attributes", attributes(schema, Optional.empty(), List.of(), false));
            }
            if (expand.contains("Keys")) {
                entity.set("Keys", keys(schema));
            }
            entity.put("@odata.context", apiBase + "$metadata#EntityDefinitions/$entity");
            return WebApi.ok(200, WebApi.contextFirst(entity));
        }
        if (m.group(3).equals("ManyToOneRelationships")) {
            if (m.group(4) != null || m.group(5) != null) {
                throw DataverseError.segmentNotFound(path.substring(path.indexOf("ManyToOneRelationships")));
            }
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("@odata.context", apiBase + "$metadata#EntityDefinitions('" + schema.logicalName() + "')/ManyToOneRelationships");
            root.set("value", manyToOne(schema, select(params, RELATIONSHIP_PROPERTIES, "OneToManyRelationshipMetadata")));
            return WebApi.ok(200, root);
        }
        if (m.group(3).equals("ManyToManyRelationships")) {
            if (m.group(4) != null || m.group(5) != null) {
                throw DataverseError.segmentNotFound(path.substring(path.indexOf("ManyToManyRelationships")));
            }
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("@odata.context", apiBase + "$metadata#EntityDefinitions('" + schema.logicalName() + "')/ManyToManyRelationships");
            root.set("value", manyToMany(schema, select(params, MANY_TO_MANY_PROPERTIES, "ManyToManyRelationshipMetadata")));
            return WebApi.ok(200, root);
        }
        if (m.group(3).equals("Keys")) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("@odata.context", apiBase + "$metadata#EntityDefinitions('" + schema.logicalName() + "')/Keys");
            root.set("value", keys(schema));
            return WebApi.ok(200, root);
        }
        Optional<AttributeType> cast = Optional.ofNullable(m.group(5)).map(name -> castType(name));
        List<String> allowed = new ArrayList<>(BASE_ATTRIBUTE_PROPERTIES);
        cast.ifPresent(t -> allowed.addAll(typeProperties(t)));
        List<String> select = select(params, Set.copyOf(allowed), cast.map(AttributeType::metadataType).orElse("AttributeMetadata"));
        boolean expandOptions = params.getOrDefault("$expand", "").startsWith("OptionSet") || params.getOrDefault("$expand", "").startsWith("GlobalOptionSet");
        if (m.group(4) != null) {
            Column column = schema.column(m.group(4)).orElseThrow(() -> new DataverseError(404, DataverseError.NOT_FOUND,
                    "Could not find attribute with name '" + m.group(4) + "' on entity '" + schema.logicalName() + "'."));
            if (cast.isPresent() && !sameMetadataType(cast.get(), column.type())) {
                throw DataverseError.badRequest("The attribute '" + column.name() + "' is not of type "
                        + cast.get().metadataType() + ".");
            }
            ObjectNode attribute = attribute(schema, column, select, expandOptions);
            attribute.put("@odata.context", apiBase + "$metadata#EntityDefinitions('" + schema.logicalName() + "')/Attributes/$entity");
            return WebApi.ok(200, WebApi.contextFirst(attribute));
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("@odata.context", apiBase + "$metadata#EntityDefinitions('" + schema.logicalName() + "')/Attributes");
        root.set("value", attributes(schema, cast, select, expandOptions));
        return WebApi.ok(200, root);
    }

    private SandboxResponse entityList(Map<String, String> params) {
        List<String> select = select(params, ENTITY_PROPERTIES, "EntityMetadata");
        String filter = params.getOrDefault("$filter", "");
        Matcher eq = Pattern.compile("^\\s*(LogicalName|EntitySetName)\\s+eq\\s+'([^']*)'\\s*$").matcher(filter);
        if (!filter.isBlank() && !eq.matches()) {
            throw DataverseError.badRequest("The sandbox filters EntityDefinitions by \"LogicalName eq '...'\" or \"EntitySetName eq '...'\" only.");
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("@odata.context", apiBase + "$metadata#EntityDefinitions");
        ArrayNode value = root.putArray("value");
        for (Table t : data.tables()) {
            String candidate = !filter.isBlank() && eq.group(1).equals("LogicalName") ? t.schema().logicalName() : t.schema().entitySetName();
            if (filter.isBlank() || candidate.equalsIgnoreCase(eq.group(2))) {
                value.add(entity(t.schema(), select));
            }
        }
        return WebApi.ok(200, root);
    }

    private ObjectNode entity(TableSchema schema, List<String> select) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("MetadataId", metadataId(schema.logicalName()).toString());
        node.put("LogicalName", schema.logicalName());
        node.put("SchemaName", schema.logicalName());
        node.put("EntitySetName", schema.entitySetName());
        node.put("LogicalCollectionName", schema.entitySetName());
        node.put("PrimaryIdAttribute", schema.primaryId());
        if (schema.primaryName().isPresent()) {
            node.put("PrimaryNameAttribute", schema.primaryName().get());
        } else {
            node.putNull("PrimaryNameAttribute");
        }
        node.put("ChangeTrackingEnabled", schema.changeTracking());
        node.put("ObjectTypeCode", schema.objectTypeCode());
        node.put("TableType", schema.elastic() ? "Elastic" : "Standard");
        node.put("IsCustomEntity", schema.logicalName().contains("_"));
        node.set("DisplayName", label(schema.displayName()));
        return project(node, select, Set.of("MetadataId"));
    }

    private ArrayNode attributes(TableSchema schema, Optional<AttributeType> cast, List<String> select, boolean expandOptions) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Column c : schema.columns()) {
            if (cast.isEmpty() || sameMetadataType(cast.get(), c.type())) {
                list.add(attribute(schema, c, select, expandOptions));
            }
        }
        return list;
    }

    private ObjectNode attribute(TableSchema schema, Column c, List<String> select, boolean expandOptions) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("@odata.type", "#Microsoft.Dynamics.CRM." + c.type().metadataType());
        node.put("MetadataId", metadataId(schema.logicalName() + "." + c.name()).toString());
        node.put("LogicalName", c.name());
        node.put("SchemaName", c.schemaName());
        node.put("EntityLogicalName", schema.logicalName());
        node.put("AttributeType", c.type().attributeType());
        node.putObject("AttributeTypeName").put("Value", c.type().typeName());
        node.putObject("RequiredLevel").put("Value", c.requiredLevel()).put("CanBeChanged", true)
                .put("ManagedPropertyLogicalName", "canmodifyrequirementlevelsettings");
        node.put("IsValidForCreate", c.validForCreate());
        node.put("IsValidForUpdate", c.validForUpdate());
        node.put("IsValidForRead", true);
        node.put("IsPrimaryId", c.name().equals(schema.primaryId()));
        node.put("IsPrimaryName", schema.primaryName().filter(c.name()::equals).isPresent());
        node.put("IsCustomAttribute", c.name().contains("_"));
        node.set("DisplayName", label(c.displayName() != null ? c.displayName() : c.name()));
        node.putNull("AttributeOf");
        switch (c.type()) {
            case STRING, MEMO -> node.put("MaxLength", c.maxLength() == null ? 100 : c.maxLength());
            case DATETIME -> {
                // DateTimeAttributeMetadata: DateTimeBehavior {"Value": ...} and Format DateOnly / DateAndTime.
                node.putObject("DateTimeBehavior").put("Value", c.dateTimeBehavior());
                node.put("Format", c.dateOnly() ? "DateOnly" : "DateAndTime");
            }
            case LOOKUP, CUSTOMER, OWNER -> {
                ArrayNode targets = node.putArray("Targets");
                c.targets().forEach(targets::add);
            }
            case INTEGER, BIGINT, DECIMAL, DOUBLE, MONEY -> {
                if (c.minValue() != null) {
                    node.put("MinValue", c.minValue());
                }
                if (c.maxValue() != null) {
                    node.put("MaxValue", c.maxValue());
                }
                if (c.precision() != null) {
                    node.put("Precision", c.precision());
                }
            }
            default -> {
            }
        }
        if (c.type().isChoice() && expandOptions) {
            ObjectNode optionSet = node.putObject("OptionSet");
            optionSet.put("MetadataId", metadataId(schema.logicalName() + "." + c.name() + ".options").toString());
            ArrayNode options = optionSet.putArray("Options");
            c.options().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                ObjectNode option = options.addObject();
                option.put("Value", e.getKey());
                option.set("Label", label(e.getValue()));
            });
        }
        return project(node, select, Set.of("@odata.type", "MetadataId", "OptionSet"));
    }

    /**
     * The table's lookups as Dataverse lists them: one relationship per lookup column and target (an
     * owner lookup has one, to the abstract {@code owner} table). ReferencingEntityNavigationPropertyName
     * is the name a write must use in {@code <name>@odata.bind}.
     */
    private ArrayNode manyToOne(TableSchema schema, List<String> select) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Column c : schema.columns()) {
            if (!c.type().isLookup()) {
                continue;
            }
            List<String> targets = c.type() == AttributeType.OWNER ? List.of("owner") : c.targets();
            for (String target : targets) {
                boolean owner = c.type() == AttributeType.OWNER;
                String name = owner ? "owner_" + schema.entitySetName() : target + "_" + schema.logicalName() + "_" + c.schemaName();
                ObjectNode node = list.addObject();
                node.put("MetadataId", metadataId("relationship:" + name).toString());
                node.put("SchemaName", name);
                node.put("RelationshipType", "OneToManyRelationship");
                node.put("ReferencedEntity", target);
                node.put("ReferencedAttribute", owner ? "ownerid" : data.table(target).map(t -> t.schema().primaryId()).orElse(target + "id"));
                node.put("ReferencingEntity", schema.logicalName());
                node.put("ReferencingAttribute", c.name());
                node.put("ReferencedEntityNavigationPropertyName", name);
                node.put("ReferencingEntityNavigationPropertyName", owner ? c.schemaName() : c.navigationProperty(target));
                node.put("IsCustomRelationship", c.name().contains("_"));
                project(node, select, Set.of("MetadataId"));
            }
        }
        return list;
    }

    /**
     * The table's N:N relationships, on either side, as ManyToManyRelationshipMetadata
     * (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/manytomanyrelationshipmetadata):
     * Entity1/Entity2NavigationPropertyName name the collection-valued navigation property on each side's rows.
     */
    private ArrayNode manyToMany(TableSchema schema, List<String> select) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (ManyToManyRelationship r : data.manyToMany(schema.logicalName())) {
            ObjectNode node = list.addObject();
            node.put("MetadataId", metadataId("relationship:" + r.schemaName()).toString());
            node.put("SchemaName", r.schemaName());
            node.put("RelationshipType", "ManyToManyRelationship");
            node.put("Entity1LogicalName", r.entity1());
            node.put("Entity2LogicalName", r.entity2());
            node.put("Entity1NavigationPropertyName", r.entity1Navigation());
            node.put("Entity2NavigationPropertyName", r.entity2Navigation());
            node.put("IntersectEntityName", r.intersectEntity());
            node.put("Entity1IntersectAttribute", data.table(r.entity1()).map(t -> t.schema().primaryId()).orElse(r.entity1() + "id"));
            node.put("Entity2IntersectAttribute", data.table(r.entity2()).map(t -> t.schema().primaryId()).orElse(r.entity2() + "id"));
            node.put("IsCustomRelationship", r.schemaName().contains("_") && !r.schemaName().endsWith("_association"));
            project(node, select, Set.of("MetadataId"));
        }
        return list;
    }

    private ArrayNode keys(TableSchema schema) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (List<String> key : schema.keys()) {
            String name = schema.elastic() ? TableFactory.ELASTIC_KEY : schema.logicalName() + "_" + String.join("_", key) + "_key";
            ObjectNode node = list.addObject();
            node.put("MetadataId", metadataId(name).toString());
            node.put("LogicalName", name);
            node.put("SchemaName", name);
            node.put("EntityLogicalName", schema.logicalName());
            ArrayNode attributes = node.putArray("KeyAttributes");
            key.forEach(attributes::add);
            node.put("EntityKeyIndexStatus", "Active");
        }
        return list;
    }

    private static ObjectNode label(String text) {
        ObjectNode label = Json.MAPPER.createObjectNode();
        ObjectNode localized = Json.MAPPER.createObjectNode().put("Label", text).put("LanguageCode", 1033);
        label.putArray("LocalizedLabels").add(localized);
        label.set("UserLocalizedLabel", localized.deepCopy());
        return label;
    }

    private static List<String> select(Map<String, String> params, Set<String> allowed, String typeName) {
        String text = params.get("$select");
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> names = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String name : names) {
            if (!allowed.contains(name)) {
                throw DataverseError.badRequest("Could not find a property named '" + name + "' on type 'Microsoft.Dynamics.CRM." + typeName + "'.");
            }
        }
        return names;
    }

    private static ObjectNode project(ObjectNode node, List<String> select, Set<String> always) {
        if (select.isEmpty()) {
            return node;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!select.contains(name) && !always.contains(name)) {
                it.remove();
            }
        }
        return node;
    }

    private static AttributeType castType(String metadataType) {
        for (AttributeType t : AttributeType.values()) {
            if (t.metadataType().equals(metadataType) && !metadataType.equals("AttributeMetadata")) {
                return t;
            }
        }
        throw DataverseError.segmentNotFound("Microsoft.Dynamics.CRM." + metadataType);
    }

    private static boolean sameMetadataType(AttributeType cast, AttributeType actual) {
        return cast.metadataType().equals(actual.metadataType());
    }

    private static List<String> typeProperties(AttributeType type) {
        return switch (type) {
            case STRING, MEMO -> List.of("MaxLength", "Format", "FormatName");
            case DATETIME -> List.of("DateTimeBehavior", "Format");
            case LOOKUP, CUSTOMER, OWNER -> List.of("Targets");
            case INTEGER, BIGINT, DECIMAL, DOUBLE, MONEY -> List.of("MinValue", "MaxValue", "Precision");
            case PICKLIST, STATE, STATUS, MULTISELECTPICKLIST -> List.of("OptionSet", "DefaultFormValue");
            default -> List.of();
        };
    }

    static UUID metadataId(String name) {
        return UUID.nameUUIDFromBytes(("metadata:" + name.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
    }
}
