package io.dvbridge.dataverse;

import org.apache.camel.spi.Metadata;

/** Message headers the {@code dataverse:} component reads and sets. */
public final class DataverseConstants {

    @Metadata(description = "Name of the configured environment to call; overrides the environment option, so one"
            + " static endpoint serves every environment. Never a URL: an unknown name fails naming the configured ones.",
            javaType = "String")
    public static final String ENVIRONMENT = "CamelDataverseEnvironment";

    @Metadata(description = "The row for get, update, upsert, delete: a GUID (String or UUID) or a Map of alternate key"
            + " columns to values. Set by create and upsert to the id Dataverse reports.", javaType = "Object")
    public static final String ID = "CamelDataverseId";

    @Metadata(description = "If-Match for update and delete: the row's ETag as read with it (update fails with 412 when"
            + " the row changed since) or the wildcard (the row must exist). Overrides the ifMatch option.", javaType = "String")
    public static final String IF_MATCH = "CamelDataverseIfMatch";

    @Metadata(description = "Values for the query filter's named parameters; overrides parameters.name options.",
            javaType = "java.util.Map<String,Object>")
    public static final String PARAMETERS = "CamelDataverseParameters";

    @Metadata(description = "query: the values the key-set column must take (Strings, UUIDs, numbers). The component"
            + " escapes them and splits a set too long for one URL into several requests. With a column, an empty"
            + " collection matches no row and sends no request; with no column it is ignored.",
            javaType = "java.util.Collection<Object>")
    public static final String KEY_SET = "CamelDataverseKeySet";

    @Metadata(description = "query: the column the CamelDataverseKeySet header's values are matched against;"
            + " overrides the keySetColumn option.", javaType = "String")
    public static final String KEY_SET_COLUMN = "CamelDataverseKeySetColumn";

    @Metadata(description = "Set by create, update and upsert when Dataverse returns the row's new ETag.", javaType = "String")
    public static final String ETAG = "CamelDataverseETag";

    @Metadata(description = "Set by batch: how many writes did not succeed (failed, rolled back or not executed).",
            javaType = "int")
    public static final String FAILED_WRITES = "CamelDataverseFailedWrites";

    @Metadata(label = "consumer", description = "changes: the ids (GUID text) of the rows deleted that this page reports;"
            + " the body holds the rows created or updated.", javaType = "java.util.List<String>")
    public static final String DELETED_IDS = "CamelDataverseDeletedIds";

    @Metadata(label = "consumer", description = "changes: the position to resume from after this page: its nextLink, or"
            + " the deltaLink on the last page of a sync. Save it verbatim (it may end in #resync, which the consumer keeps"
            + " for itself). With autoCommit=false the route saves it through the checkpoints bean once the page has landed.",
            javaType = "String")
    public static final String CHANGES_POSITION = "CamelDataverseChangesPosition";

    @Metadata(label = "consumer", description = "changes: true on the last page of a sync, the one carrying the deltaLink.",
            javaType = "Boolean")
    public static final String CHANGES_LAST = "CamelDataverseChangesLast";

    @Metadata(label = "consumer", description = "changes: true while the sync is an initial (full) one, false on deltas.",
            javaType = "Boolean")
    public static final String CHANGES_INITIAL = "CamelDataverseChangesInitial";

    @Metadata(label = "consumer", description = "changes: true on the pages of a full sync that started because Dataverse"
            + " refused the saved position (expired or invalid token, 0x80044352): rows not seen by its last page are gone"
            + " (their deletes were lost), so a sink reconciles keys.", javaType = "Boolean")
    public static final String CHANGES_RESYNC = "CamelDataverseChangesResync";

    @Metadata(label = "consumer", description = "changes: the checkpoint key the position belongs to.", javaType = "String")
    public static final String CHANGES_KEY = "CamelDataverseChangesKey";

    @Metadata(label = "consumer", description = "changes: the entity set read.", javaType = "String")
    public static final String ENTITY_SET = "CamelDataverseEntitySet";

    @Metadata(label = "consumer", description = "changes: the page's number within this poll, from 1.", javaType = "Integer")
    public static final String CHANGES_PAGE = "CamelDataverseChangesPage";

    private DataverseConstants() {
    }
}
