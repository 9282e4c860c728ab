package io.dvbridge.dataverse;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Adapts a message to one {@link DataverseClient} call and its answer back to the message. */
final class DataverseProducer extends DefaultProducer {

    private final DataverseEndpoint endpoint;
    private final DataverseConfiguration configuration;
    private final ConcurrentMap<String, DataverseClient> clients = new ConcurrentHashMap<>();

    DataverseProducer(DataverseEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // Resolving here makes an unknown environment option fail when the route starts, not on the first message.
        configuration.configuredEnvironment().ifPresent(this::client);
    }

    private DataverseClient client(String environment) {
        return clients.computeIfAbsent(environment, endpoint::client);
    }

    /** The header's environment, else the option's: a configured name, never a URL (the component resolves it). */
    private String environment(Message in) {
        return configuration.environmentFor(Optional.ofNullable(in.getHeader(DataverseConstants.ENVIRONMENT, String.class)))
                .orElseThrow(() -> new IllegalArgumentException("dataverse:" + endpoint.getOperation()
                        + " needs an environment: header " + DataverseConstants.ENVIRONMENT + " or option environment"));
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String target = endpoint.getTarget();
        DataverseClient client = client(environment(in));
        switch (endpoint.getOperation()) {
            case query -> in.setBody(blankToEmpty(configuration.getNavigation()).isPresent() ? related(client, in) : query(client, in));
            case fetch -> in.setBody(fetch(client, in));
            case get -> in.setBody(client.get(target, key(in), configuration.selectList(), annotations()));
            case create -> {
                WriteResponse response = client.create(target, row(in), configuration.isReturnRepresentation());
                applyWrite(in, response, true);
            }
            case update -> {
                String ifMatch = Optional.ofNullable(in.getHeader(DataverseConstants.IF_MATCH, String.class))
                        .orElse(configuration.getIfMatch());
                applyWrite(in, client.update(target, key(in), row(in), ifMatch, configuration.isReturnRepresentation()), false);
            }
            case upsert -> applyWrite(in, client.upsert(target, key(in), row(in), configuration.isCreateOnly(),
                    configuration.isReturnRepresentation()), false);
            case delete -> client.delete(target, key(in), Optional.ofNullable(in.getHeader(DataverseConstants.IF_MATCH, String.class)));
            case batch -> {
                List<DataverseWriteResult> results = client.batch(writes(in), configuration.isAtomic(),
                        configuration.getBatchSize() == 0 ? DataverseClient.MAX_BATCH_REQUESTS : configuration.getBatchSize());
                in.setHeader(DataverseConstants.FAILED_WRITES, (int) results.stream().filter(r -> !r.succeeded()).count());
                in.setBody(results);
            }
            case metadata -> in.setBody(configuration.isManyToMany() ? client.metadataWithManyToMany(target) : client.metadata(target));
            case whoAmI -> in.setBody(client.whoAmI());
            case privileges -> in.setBody(client.privileges());
            case count -> in.setBody(client.count(target));
            case countChanges -> {
                String link = Optional.ofNullable(in.getHeader(DataverseConstants.CHANGES_POSITION, String.class))
                        .orElseThrow(() -> new IllegalArgumentException("dataverse:countChanges needs the delta link in header "
                                + DataverseConstants.CHANGES_POSITION));
                in.setBody(client.countChanges(target, ChangePosition.parse(link).link()));
            }
            case changes -> throw new IllegalStateException("dataverse:changes is a consumer");
            case createMultiple, updateMultiple, upsertMultiple -> {
                List<BulkRowResult> results = endpoint.getComponent().bulkWriter(environment(in), configuration,
                        BulkMessage.of(endpoint.getOperation()), target).write(bulkRows(in));
                in.setHeader(DataverseConstants.FAILED_WRITES, (int) results.stream().filter(r -> !r.written()).count());
                in.setBody(results);
            }
        }
    }

    private Object query(DataverseClient client, Message in) {
        DataverseQuery query = new DataverseQuery(endpoint.getTarget(), configuration.selectList(), filter(in),
                blankToEmpty(configuration.getOrderby()), blankToEmpty(configuration.getExpand()), configuration.getPageSize(),
                configuration.getMaxRows(), annotations());
        Iterator<List<Map<String, Object>>> pages = keySet(in)
                .map(keySet -> keySet.queries(query, configuration.getKeySetMaxUrlLength(), client::firstPageUrl))
                .<Iterator<List<Map<String, Object>>>>map(queries -> new ChainedPages(queries, client::queryPages, query.maxRows()))
                .orElseGet(() -> client.queryPages(query));
        return switch (configuration.getOutputMode()) {
            case pages -> pages;
            case rows -> DataverseClient.rows(pages);
            case list -> DataverseClient.all(pages);
        };
    }

    /** The rows associated with one row through an N:N relationship's navigation property. */
    private Object related(DataverseClient client, Message in) {
        String navigation = configuration.getNavigation();
        if (blankToEmpty(configuration.getFilter()).isPresent() || keySet(in).isPresent()) {
            throw new IllegalArgumentException("dataverse:query/" + endpoint.getTarget() + " with navigation " + navigation
                    + " lists one row's associated rows: it takes no filter and no key set");
        }
        Iterator<List<Map<String, Object>>> pages = client.relatedPages(endpoint.getTarget(), key(in), navigation,
                configuration.selectList(), configuration.getPageSize(), annotations());
        return switch (configuration.getOutputMode()) {
            case pages -> pages;
            case rows -> DataverseClient.rows(pages);
            case list -> DataverseClient.all(pages);
        };
    }

    /**
     * The key set of a query: values from the header, the column from the header or the option. No column and
     * no (or an empty) values header means no key set, so a route can send filter-only and key-set queries
     * through one endpoint; values without a column are refused rather than read as "every row".
     */
    private Optional<KeySetFilter> keySet(Message in) {
        Optional<String> column = blankToEmpty(in.getHeader(DataverseConstants.KEY_SET_COLUMN, String.class))
                .or(() -> blankToEmpty(configuration.getKeySetColumn()));
        Object values = in.getHeader(DataverseConstants.KEY_SET);
        if (column.isEmpty() && (values == null || values instanceof Collection<?> none && none.isEmpty())) {
            return Optional.empty();
        }
        String query = "dataverse:query/" + endpoint.getTarget();
        if (column.isEmpty()) {
            throw new IllegalArgumentException(query + " has a " + DataverseConstants.KEY_SET + " header but no column:"
                    + " set option keySetColumn or header " + DataverseConstants.KEY_SET_COLUMN);
        }
        if (!(values instanceof Collection<?> collection)) {
            throw new IllegalArgumentException(query + " with key-set column " + column.get() + " needs a Collection of values"
                    + " in header " + DataverseConstants.KEY_SET + (values == null ? "" : ", not a " + values.getClass().getName()));
        }
        if (configuration.getKeySetMaxUrlLength() > DataverseConfiguration.DATAVERSE_MAX_URL_LENGTH) {
            throw new IllegalArgumentException(query + ": keySetMaxUrlLength " + configuration.getKeySetMaxUrlLength()
                    + " is over Dataverse's URL limit of " + DataverseConfiguration.DATAVERSE_MAX_URL_LENGTH);
        }
        return Optional.of(new KeySetFilter(column.get(), collection));
    }

    private Object fetch(DataverseClient client, Message in) {
        String fetchXml = in.getBody(String.class);
        if (fetchXml == null || fetchXml.isBlank()) {
            throw new IllegalArgumentException("dataverse:fetch/" + endpoint.getTarget() + " needs the FetchXML query as the body");
        }
        Iterator<List<Map<String, Object>>> pages = client.fetchPages(endpoint.getTarget(), fetchXml, configuration.getPageSize());
        return switch (configuration.getOutputMode()) {
            case pages -> pages;
            case rows -> DataverseClient.rows(pages);
            case list -> DataverseClient.all(pages);
        };
    }

    private Optional<String> filter(Message in) {
        Optional<String> filter = blankToEmpty(configuration.getFilter());
        if (filter.isEmpty()) {
            return filter;
        }
        Map<String, Object> values = new LinkedHashMap<>(configuration.getParameters());
        Map<?, ?> fromHeader = in.getHeader(DataverseConstants.PARAMETERS, Map.class);
        if (fromHeader != null) {
            fromHeader.forEach((name, value) -> values.put(String.valueOf(name), value));
        }
        return Optional.of(FilterParameters.substitute(filter.get(), values, configuration.guidParameterNames()));
    }

    private Optional<String> annotations() {
        return blankToEmpty(configuration.getIncludeAnnotations());
    }

    private EntityKey key(Message in) {
        Object id = in.getHeader(DataverseConstants.ID);
        if (id == null) {
            throw new IllegalArgumentException("dataverse:" + endpoint.getOperation() + "/" + endpoint.getTarget()
                    + " needs the row in header " + DataverseConstants.ID + " (a GUID or a map of alternate key values)");
        }
        return EntityKey.from(id);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> row(Message in) {
        Object body = in.getBody();
        if (body instanceof Map<?, ?> map) {
            Map<String, Object> row = new LinkedHashMap<>();
            map.forEach((k, v) -> row.put(String.valueOf(k), v));
            return row;
        }
        if (body instanceof String json) {
            return DataverseJson.row(json);
        }
        if (body instanceof byte[] bytes) {
            return DataverseJson.row(new String(bytes, StandardCharsets.UTF_8));
        }
        Map<String, Object> converted = in.getBody(Map.class);
        if (converted == null) {
            throw new IllegalArgumentException("dataverse:" + endpoint.getOperation() + " needs a Map or JSON object body, not "
                    + (body == null ? "an empty body" : body.getClass().getName()));
        }
        return converted;
    }

    private List<DataverseWrite> writes(Message in) {
        Object body = in.getBody();
        if (!(body instanceof List<?> list)) {
            throw new IllegalArgumentException("dataverse:batch needs a List<DataverseWrite> body, not "
                    + (body == null ? "an empty body" : body.getClass().getName()));
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof DataverseWrite)) {
                throw new IllegalArgumentException("dataverse:batch: element " + i + " is not a DataverseWrite");
            }
        }
        @SuppressWarnings("unchecked")
        List<DataverseWrite> writes = (List<DataverseWrite>) list;
        return writes;
    }

    private List<BulkRow> bulkRows(Message in) {
        Object body = in.getBody();
        if (!(body instanceof List<?> list)) {
            throw new IllegalArgumentException("dataverse:" + endpoint.getOperation() + " needs a List<BulkRow> body, not "
                    + (body == null ? "an empty body" : body.getClass().getName()));
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof BulkRow)) {
                throw new IllegalArgumentException("dataverse:" + endpoint.getOperation() + ": element " + i + " is not a BulkRow");
            }
        }
        @SuppressWarnings("unchecked")
        List<BulkRow> rows = (List<BulkRow>) list;
        return rows;
    }

    private void applyWrite(Message in, WriteResponse response, boolean isCreate) {
        response.entityId().ifPresent(id -> in.setHeader(DataverseConstants.ID, id));
        response.etag().ifPresent(etag -> in.setHeader(DataverseConstants.ETAG, etag));
        if (response.row().isPresent()) {
            in.setBody(response.row().get());
        } else if (isCreate) {
            in.setBody(response.entityId().orElse(""));
        }
    }

    private static Optional<String> blankToEmpty(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
