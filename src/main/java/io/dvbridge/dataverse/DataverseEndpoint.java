package io.dvbridge.dataverse;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Queries, reads and writes rows of one Dataverse environment, named by the environment option or the
 * CamelDataverseEnvironment header. (This comment is the catalog's description: plain text only.)
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "dataverse", title = "Dataverse", syntax = "dataverse:operation/target",
        producerOnly = true, category = {Category.CLOUD, Category.API}, headersClass = DataverseConstants.class)
public final class DataverseEndpoint extends DefaultEndpoint {

    @UriPath(description = "What to do: query, fetch, get, create, update, upsert, delete, batch, metadata, whoAmI (the calling user),"
            + " privileges (the calling user's privileges, RetrieveUserPrivileges), or the bulk writes createMultiple,"
            + " updateMultiple, upsertMultiple: a List of BulkRow in, a List of BulkRowResult out (one per row, in order);"
            + " bad rows of a standard table are isolated by bisecting the request, the rest land; tables without bulk"
            + " support are written through $batch.")
    @Metadata(required = true)
    private final DataverseOperation operation;

    @UriPath(description = "The entity set (e.g. accounts) for row operations; the table's logical name for metadata and"
            + " the bulk writes; none for batch.")
    private final String target;

    @UriParam
    private final DataverseConfiguration configuration;

    DataverseEndpoint(String uri, DataverseComponent component, DataverseOperation operation, String target,
                      DataverseConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.target = target;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new DataverseProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("dataverse: endpoints are producers only (use them in to/enrich)");
    }

    @Override
    public DataverseComponent getComponent() {
        return (DataverseComponent) super.getComponent();
    }

    DataverseClient client(String environment) {
        return getComponent().client(environment, configuration.toPolicy());
    }

    public DataverseOperation getOperation() {
        return operation;
    }

    public String getTarget() {
        return target;
    }

    public DataverseConfiguration getConfiguration() {
        return configuration;
    }
}
