package io.dvbridge.sandbox.dataverse.query;

/**
 * A query (OData {@code $filter}/{@code $orderby}/{@code $select} or FetchXML) that Dataverse would refuse,
 * with the error code and message Dataverse puts in its {@code {"error":{"code":...,"message":...}}} body.
 * Every such refusal is an HTTP 400.
 */
public class ODataQueryException extends RuntimeException {

    /** Code Dataverse returns today for OData query errors (unknown property, syntax, literal errors). */
    public static final String QUERY_ERROR = "0x80060888";
    /** QueryBuilderNoAttribute: a query function or FetchXML names an attribute the table does not have. */
    public static final String NO_ATTRIBUTE = "0x80041103";
    /** TooManyConditionsInQuery: more than 500 conditions in one query. */
    public static final String TOO_MANY_CONDITIONS = "0x8004430C";
    /**
     * More than 15 link-entity elements in one FetchXML query (learn.microsoft.com/power-apps/developer/
     * data-platform/fetchxml/join-tables, "Limitations": "Number of link entities in query exceeded maximum limit.").
     */
    public static final String TOO_MANY_LINK_ENTITIES = "0x8004430D";
    /** ObjectDoesNotExist for entity metadata: a link-entity names a table the environment does not have. */
    public static final String UNKNOWN_ENTITY = "0x80041102";
    /** InvalidArgument: malformed FetchXML, a value of the wrong type, an operator Dataverse does not know. */
    public static final String INVALID_ARGUMENT = "0x80040203";

    private static final long serialVersionUID = 1L;

    private final String code;

    public ODataQueryException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The Dataverse error code for the body's {@code error.code}. */
    public String code() {
        return code;
    }

    /** Always 400: every query refusal is a bad request. */
    public int httpStatus() {
        return 400;
    }
}
