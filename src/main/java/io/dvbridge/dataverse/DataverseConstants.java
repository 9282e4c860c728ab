package io.dvbridge.dataverse;

import org.apache.camel.spi.Metadata;

/** Message headers the {@code dataverse:} component reads and sets. */
public final class DataverseConstants {

    @Metadata(description = "The row for get, update, upsert, delete: a GUID (String or UUID) or a Map of alternate key"
            + " columns to values. Set by create and upsert to the id Dataverse reports.", javaType = "Object")
    public static final String ID = "DataverseId";

    @Metadata(description = "If-Match for update and delete: the row's @odata.etag (update fails with 412 when the row"
            + " changed since) or * (the row must exist). Overrides the ifMatch option.", javaType = "String")
    public static final String IF_MATCH = "DataverseIfMatch";

    @Metadata(description = "Values for @name parameters in the query filter; overrides parameters.name options.",
            javaType = "java.util.Map<String,Object>")
    public static final String PARAMETERS = "DataverseParameters";

    @Metadata(description = "Set by create, update and upsert when Dataverse returns the row's new ETag.", javaType = "String")
    public static final String ETAG = "DataverseETag";

    @Metadata(description = "Set by batch: how many writes did not succeed (failed, rolled back or not executed).",
            javaType = "int")
    public static final String FAILED_WRITES = "DataverseFailedWrites";

    private DataverseConstants() {
    }
}
