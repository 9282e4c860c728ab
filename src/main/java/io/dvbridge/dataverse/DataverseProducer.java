package io.dvbridge.dataverse;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Adapts a message to one {@link DataverseClient} call and its answer back to the message. */
final class DataverseProducer extends DefaultProducer {

    private final DataverseEndpoint endpoint;
    private DataverseClient client;

    DataverseProducer(DataverseEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // Resolving here makes an unknown environment fail when the route starts, not on the first message.
        client = endpoint.client();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String target = endpoint.getTarget();
        switch (endpoint.getOperation()) {
            case query -> in.setBody(query(in));
            case fetch -> in.setBody(fetch(in));
            case get -> in.setBody(client.get(target, key(in), endpoint.selectList(), annotations()));
            case create -> {
                WriteResponse response = client.create(target, row(in), endpoint.isReturnRepresentation());
                applyWrite(in, response, true);
            }
            case update -> {
                String ifMatch = Optional.ofNullable(in.getHeader(DataverseConstants.IF_MATCH, String.class))
                        .orElse(endpoint.getIfMatch());
                applyWrite(in, client.update(target, key(in), row(in), ifMatch, endpoint.isReturnRepresentation()), false);
            }
            case upsert -> applyWrite(in, client.upsert(target, key(in), row(in), endpoint.isCreateOnly(),
                    endpoint.isReturnRepresentation()), false);
            case delete -> client.delete(target, key(in), Optional.ofNullable(in.getHeader(DataverseConstants.IF_MATCH, String.class)));
            case batch -> {
                List<DataverseWriteResult> results = client.batch(writes(in), endpoint.isAtomic(), endpoint.getBatchSize());
                in.setHeader(DataverseConstants.FAILED_WRITES, (int) results.stream().filter(r -> !r.succeeded()).count());
                in.setBody(results);
            }
            case metadata -> in.setBody(client.metadata(target));
            case whoAmI -> in.setBody(client.whoAmI());
            case privileges -> in.setBody(client.privileges());
        }
    }

    private Object query(Message in) {
        DataverseQuery query = new DataverseQuery(endpoint.getTarget(), endpoint.selectList(), filter(in),
                blankToEmpty(endpoint.getOrderby()), blankToEmpty(endpoint.getExpand()), endpoint.getPageSize(),
                endpoint.getMaxRows(), annotations());
        return switch (endpoint.getOutputMode()) {
            case pages -> client.queryPages(query);
            case rows -> client.queryRows(query);
            case list -> client.queryAll(query);
        };
    }

    private Object fetch(Message in) {
        String fetchXml = in.getBody(String.class);
        if (fetchXml == null || fetchXml.isBlank()) {
            throw new IllegalArgumentException("dataverse:fetch/" + endpoint.getTarget() + " needs the FetchXML query as the body");
        }
        Iterator<List<Map<String, Object>>> pages = client.fetchPages(endpoint.getTarget(), fetchXml, endpoint.getPageSize());
        return switch (endpoint.getOutputMode()) {
            case pages -> pages;
            case rows -> DataverseClient.rows(pages);
            case list -> DataverseClient.all(pages);
        };
    }

    private Optional<String> filter(Message in) {
        Optional<String> filter = blankToEmpty(endpoint.getFilter());
        if (filter.isEmpty()) {
            return filter;
        }
        Map<String, Object> values = new LinkedHashMap<>(endpoint.getParameters());
        Map<?, ?> fromHeader = in.getHeader(DataverseConstants.PARAMETERS, Map.class);
        if (fromHeader != null) {
            fromHeader.forEach((name, value) -> values.put(String.valueOf(name), value));
        }
        return Optional.of(FilterParameters.substitute(filter.get(), values, endpoint.guidParameterNames()));
    }

    private Optional<String> annotations() {
        return blankToEmpty(endpoint.getIncludeAnnotations());
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
