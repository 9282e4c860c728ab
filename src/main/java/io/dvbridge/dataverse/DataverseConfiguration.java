package io.dvbridge.dataverse;

import io.dvbridge.http.EnvironmentOptions;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The options of a {@code dataverse:} endpoint. The component holds one instance whose values are the
 * defaults (e.g. {@code camel.component.dataverse.pageSize=1000}) and gives every endpoint a copy that
 * the endpoint's URI options then change.
 */
@UriParams
public final class DataverseConfiguration extends EnvironmentOptions {

    /** Dataverse refuses a request URL longer than this (reference: dataverse-web-api.md). */
    static final int DATAVERSE_MAX_URL_LENGTH = 32_768;

    @UriParam(label = "query,consumer", description = "Columns to return ($select), comma separated. Empty returns every column;"
            + " changes requires them (a delta link keeps its column list: another column needs a new initial sync).")
    private String select;

    @UriParam(label = "query", description = "OData $filter. Put values in as named parameters (the name after an at sign), never by concatenation."
            + " With a key set, the key-set condition is added with and.")
    private String filter;

    @UriParam(label = "query", description = "OData $orderby, e.g. createdon desc.")
    private String orderby;

    @UriParam(label = "query", description = "OData $expand.")
    private String expand;

    @UriParam(label = "query", defaultValue = "5000", description = "Rows per page (Prefer: odata.maxpagesize), 1 to 5000.")
    private int pageSize = DataverseQuery.MAX_PAGE_SIZE;

    @UriParam(label = "query", defaultValue = "0", description = "Stop after this many rows; 0 reads all pages.")
    private long maxRows;

    @UriParam(label = "query", defaultValue = "pages", enums = "pages,rows,list",
            description = "Body after a query: pages = lazy Iterator of one List of Map per page (split with streaming);"
                    + " rows = lazy Iterator of Map; list = List of all rows.")
    private OutputMode outputMode = OutputMode.pages;

    @UriParam(label = "query", prefix = "parameters.", multiValue = true, javaType = "java.util.Map<String,Object>",
            description = "Values for the filter's named parameters, as parameters.name=value (Strings)."
                    + " The CamelDataverseParameters header overrides them and can carry typed values.")
    private Map<String, Object> parameters = Map.of();

    @UriParam(label = "query", description = "Comma separated parameter names whose String values are GUIDs:"
            + " they are checked and written unquoted.")
    private String guidParameters;

    @UriParam(label = "query", description = "Column whose value must be one of the CamelDataverseKeySet header's values:"
            + " the component writes the Microsoft.Dynamics.CRM.In condition itself. A lookup may be named _name_value."
            + " The CamelDataverseKeySetColumn header overrides it.")
    private String keySetColumn;

    @UriParam(label = "query", defaultValue = "30000", description = "Longest first-page URL a key-set query may build;"
            + " more values are sent as several queries whose pages follow one another. Dataverse refuses URLs over"
            + " 32768 characters, and the nextLinks of later pages are longer than the first.")
    private int keySetMaxUrlLength = 30_000;

    @UriParam(label = "query,get,consumer", description = "Sent as Prefer: odata.include-annotations with this value: the wildcard for every"
            + " annotation, or one such as OData.Community.Display.V1.FormattedValue.")
    private String includeAnnotations;

    @UriParam(label = "query", description = "A collection-valued navigation property of an N:N relationship: the query lists"
            + " the rows associated with the row in the CamelDataverseId header (GET <entity set>(<id>)/<navigation>), with"
            + " select and paging; filter and key sets do not apply.")
    private String navigation;

    @UriParam(label = "metadata", defaultValue = "false", description = "metadata: also read the table's many-to-many"
            + " relationships (EntityDefinitions/ManyToManyRelationships), which name each side's navigation property.")
    private boolean manyToMany;

    @UriParam(label = "write", defaultValue = "false", description = "create/update/upsert: ask for the written row back"
            + " (Prefer: return=representation); it becomes the body.")
    private boolean returnRepresentation;

    @UriParam(label = "write", defaultValue = "*", description = "update: If-Match when the CamelDataverseIfMatch header is"
            + " absent. The wildcard (the default) updates an existing row and never creates one.")
    private String ifMatch = "*";

    @UriParam(label = "write", defaultValue = "false", description = "upsert: send If-None-Match with the wildcard, so an"
            + " existing row is a 412 instead of being updated.")
    private boolean createOnly;

    @UriParam(label = "batch", defaultValue = "true", description = "batch: all writes in one changeset that commits or"
            + " rolls back as a whole (at most 1000 writes). false: each write on its own, continuing after errors.")
    private boolean atomic = true;

    @UriParam(label = "batch,bulk", defaultValue = "0", description = "Rows per request; larger bodies are sent as several"
            + " requests. batch with atomic=false: writes per $batch request, 1 to 1000 (0 = 1000). createMultiple,"
            + " updateMultiple, upsertMultiple: rows per bulk request (0 = 100 for elastic tables, 500 for standard ones,"
            + " as Microsoft advises starting points; no upper cap, but a standard table's request rolls back as a whole).")
    private int batchSize;

    @UriParam(label = "bulk", description = "Sent as MSCRM.BypassBusinessLogicExecution: CustomSync, CustomAsync or both"
            + " (comma separated) skip custom synchronous plug-ins and workflows and/or custom asynchronous ones; Microsoft's"
            + " own logic still runs. The application user needs the prvBypassCustomBusinessLogic privilege.")
    private String bypassBusinessLogic;

    @UriParam(label = "bulk", description = "Sent as MSCRM.BypassBusinessLogicExecutionStepIds: comma separated ids of the"
            + " plug-in steps (sdkmessageprocessingstep) to skip, 3 at most unless the organization raised the limit. Needs"
            + " the prvBypassCustomBusinessLogic privilege.")
    private String bypassPluginStepIds;

    @UriParam(label = "bulk", defaultValue = "false", description = "Sent as MSCRM.SuppressCallbackRegistrationExpanderJob:"
            + " true: Power Automate flows triggered by these writes do not run. Needs no extra privilege, but only an"
            + " administrator should decide that flows may be skipped.")
    private boolean suppressFlows;

    @UriParam(label = "consumer", defaultValue = "5000", description = "changes: rows per page (Prefer: odata.maxpagesize),"
            + " 1 to 5000; one exchange per page.")
    private int maxPageSize = DataverseQuery.MAX_PAGE_SIZE;

    @UriParam(label = "consumer", description = "changes: where positions are kept, a bean implementing"
            + " io.dvbridge.dataverse.ChangeCheckpoints (#name). Required.")
    private ChangeCheckpoints checkpoints;

    @UriParam(label = "consumer", description = "changes: the key of this read's position; default <environment>/<entity set>.")
    private String checkpointKey;

    @UriParam(label = "consumer", defaultValue = "true", description = "changes: save the position after each page the route"
            + " has processed without an exception. false: the route saves the CamelDataverseChangesPosition header itself"
            + " through the checkpoints bean, in the same transaction as the page's rows.")
    private boolean autoCommit = true;

    @UriParam(label = "consumer", defaultValue = "true", description = "changes: read the next page on a background thread"
            + " while the route processes the current one, so reading and writing overlap (at most two pages in memory). A"
            + " failed page discards the page read ahead; the next poll reads both again. false: one page at a time.")
    private boolean readAhead = true;

    public DataverseConfiguration copy() {
        return (DataverseConfiguration) copyOptions();
    }

    List<String> selectList() {
        return commaList(select);
    }

    Set<String> guidParameterNames() {
        return Set.copyOf(commaList(guidParameters));
    }

    private static List<String> commaList(String text) {
        return text == null || text.isBlank() ? List.of()
                : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    public String getSelect() {
        return select;
    }

    public void setSelect(String select) {
        this.select = select;
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter;
    }

    public String getOrderby() {
        return orderby;
    }

    public void setOrderby(String orderby) {
        this.orderby = orderby;
    }

    public String getExpand() {
        return expand;
    }

    public void setExpand(String expand) {
        this.expand = expand;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public long getMaxRows() {
        return maxRows;
    }

    public void setMaxRows(long maxRows) {
        this.maxRows = maxRows;
    }

    public OutputMode getOutputMode() {
        return outputMode;
    }

    public void setOutputMode(OutputMode outputMode) {
        this.outputMode = outputMode;
    }

    public Map<String, Object> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, Object> parameters) {
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public String getGuidParameters() {
        return guidParameters;
    }

    public void setGuidParameters(String guidParameters) {
        this.guidParameters = guidParameters;
    }

    public String getKeySetColumn() {
        return keySetColumn;
    }

    public void setKeySetColumn(String keySetColumn) {
        this.keySetColumn = keySetColumn;
    }

    public int getKeySetMaxUrlLength() {
        return keySetMaxUrlLength;
    }

    public void setKeySetMaxUrlLength(int keySetMaxUrlLength) {
        this.keySetMaxUrlLength = keySetMaxUrlLength;
    }

    public String getIncludeAnnotations() {
        return includeAnnotations;
    }

    public void setIncludeAnnotations(String includeAnnotations) {
        this.includeAnnotations = includeAnnotations;
    }

    public boolean isReturnRepresentation() {
        return returnRepresentation;
    }

    public void setReturnRepresentation(boolean returnRepresentation) {
        this.returnRepresentation = returnRepresentation;
    }

    public String getIfMatch() {
        return ifMatch;
    }

    public void setIfMatch(String ifMatch) {
        this.ifMatch = ifMatch;
    }

    public String getNavigation() {
        return navigation;
    }

    public void setNavigation(String navigation) {
        this.navigation = navigation;
    }

    public boolean isManyToMany() {
        return manyToMany;
    }

    public void setManyToMany(boolean manyToMany) {
        this.manyToMany = manyToMany;
    }

    public boolean isCreateOnly() {
        return createOnly;
    }

    public void setCreateOnly(boolean createOnly) {
        this.createOnly = createOnly;
    }

    public boolean isAtomic() {
        return atomic;
    }

    public void setAtomic(boolean atomic) {
        this.atomic = atomic;
    }

    /** The bypass headers these options ask for, in the order Dataverse documents them. */
    Map<String, String> bypassHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (bypassBusinessLogic != null && !bypassBusinessLogic.isBlank()) {
            List<String> parts = commaList(bypassBusinessLogic);
            for (String part : parts) {
                if (!part.equals("CustomSync") && !part.equals("CustomAsync")) {
                    throw new IllegalArgumentException("bypassBusinessLogic takes CustomSync, CustomAsync or both, not '" + part + "'");
                }
            }
            headers.put("MSCRM.BypassBusinessLogicExecution", String.join(",", parts));
        }
        if (bypassPluginStepIds != null && !bypassPluginStepIds.isBlank()) {
            List<String> ids = commaList(bypassPluginStepIds);
            ids.forEach(ODataLiteral::guid);
            headers.put("MSCRM.BypassBusinessLogicExecutionStepIds", String.join(",", ids));
        }
        if (suppressFlows) {
            headers.put("MSCRM.SuppressCallbackRegistrationExpanderJob", "true");
        }
        return headers;
    }

    public String getBypassBusinessLogic() {
        return bypassBusinessLogic;
    }

    public void setBypassBusinessLogic(String bypassBusinessLogic) {
        this.bypassBusinessLogic = bypassBusinessLogic;
    }

    public String getBypassPluginStepIds() {
        return bypassPluginStepIds;
    }

    public void setBypassPluginStepIds(String bypassPluginStepIds) {
        this.bypassPluginStepIds = bypassPluginStepIds;
    }

    public boolean isSuppressFlows() {
        return suppressFlows;
    }

    public void setSuppressFlows(boolean suppressFlows) {
        this.suppressFlows = suppressFlows;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public int getMaxPageSize() {
        return maxPageSize;
    }

    public void setMaxPageSize(int maxPageSize) {
        this.maxPageSize = maxPageSize;
    }

    public ChangeCheckpoints getCheckpoints() {
        return checkpoints;
    }

    public void setCheckpoints(ChangeCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    public String getCheckpointKey() {
        return checkpointKey;
    }

    public void setCheckpointKey(String checkpointKey) {
        this.checkpointKey = checkpointKey;
    }

    public boolean isAutoCommit() {
        return autoCommit;
    }

    public void setAutoCommit(boolean autoCommit) {
        this.autoCommit = autoCommit;
    }

    public boolean isReadAhead() {
        return readAhead;
    }

    public void setReadAhead(boolean readAhead) {
        this.readAhead = readAhead;
    }
}
