package io.dvbridge.sandbox.dataverse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.sandbox.http.Json;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET sdkmessagefilters?$select=...&$filter=sdkmessageid/name eq 'CreateMultiple' [and primaryobjecttypecode eq 'x']}:
 * which tables support a bulk message, the query "Use bulk operation messages" shows
 * (learn.microsoft.com/power-apps/developer/data-platform/bulk-operations#availability-with-standard-tables).
 * One row per (message, table) the environment supports; UpsertMultiple is never listed, as in Dataverse.
 */
final class SdkMessageFilters {

    private static final Pattern MESSAGE = Pattern.compile("sdkmessageid/name\\s+eq\\s+'([A-Za-z]+)'");
    private static final Pattern TABLE = Pattern.compile("primaryobjecttypecode\\s+eq\\s+'([A-Za-z0-9_]+)'");
    private static final List<String> LISTED = List.of("CreateMultiple", "UpdateMultiple", "DeleteMultiple");

    private final EnvironmentData data;
    private final String apiBase;

    SdkMessageFilters(EnvironmentData data, String apiBase) {
        this.data = data;
        this.apiBase = apiBase;
    }

    SandboxResponse query(SandboxRequest request) {
        String filter = Optional.ofNullable(request.queryParameters().get("$filter")).orElse("");
        Matcher message = MESSAGE.matcher(filter);
        if (!message.find()) {
            throw DataverseError.badRequest("The sandbox answers sdkmessagefilters filtered by \"sdkmessageid/name eq '<message>'\""
                    + " (optionally \"and primaryobjecttypecode eq '<table>'\") only.");
        }
        Matcher table = TABLE.matcher(filter);
        Optional<String> only = table.find() ? Optional.of(table.group(1)) : Optional.empty();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("@odata.context", apiBase + "$metadata#sdkmessagefilters(sdkmessagefilterid,primaryobjecttypecode)");
        ArrayNode value = root.putArray("value");
        if (LISTED.contains(message.group(1))) {
            for (Table t : data.tables()) {
                String logical = t.schema().logicalName();
                if (only.filter(o -> !o.equals(logical)).isEmpty() && data.supportsBulk(t, message.group(1))) {
                    value.addObject()
                            .put("sdkmessagefilterid", UUID.nameUUIDFromBytes((message.group(1) + "/" + logical)
                                    .getBytes(StandardCharsets.UTF_8)).toString())
                            .put("primaryobjecttypecode", logical);
                }
            }
        }
        return WebApi.ok(200, root);
    }
}
