package io.dvbridge.dataverse;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a change-tracking read: the rows created or updated (full image of the $select columns, as the
 * Web API gives them), the ids deleted, and the link that follows: {@code @odata.nextLink} while the sync has
 * more pages, {@code @odata.deltaLink} on its last page (reference: dataverse-export-and-push.md A).
 */
public record ChangePage(List<Map<String, Object>> rows, List<String> deletedIds, Optional<String> nextLink,
                         Optional<String> deltaLink) {

    /** ExpiredVersionStamp: the token is older than the organization's retention or no longer fits the table. */
    public static final String EXPIRED_VERSION_STAMP = "0x80044352";
    /** A token that is not a version stamp at all ("Invalid version stamp"). */
    public static final String INVALID_VERSION_STAMP = "0x80044183";

    public ChangePage {
        rows = List.copyOf(rows);
        deletedIds = List.copyOf(deletedIds);
    }

    /** Whether this page ends the sync: it carries the delta link, the position for the next one. */
    public boolean last() {
        return deltaLink.isPresent();
    }

    /** Whether Dataverse refused the saved position, so that only a full sync can go on. */
    public static boolean positionRefused(DataverseException e) {
        return e.errorCode().equalsIgnoreCase(EXPIRED_VERSION_STAMP) || e.errorCode().equalsIgnoreCase(INVALID_VERSION_STAMP);
    }

    static ChangePage read(JsonNode body) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (JsonNode item : body.path("value")) {
            if (item.path("@odata.context").asText("").endsWith("/$deletedEntity")) {
                deleted.add(item.path("id").asText());
            } else {
                rows.add(DataverseJson.row(item));
            }
        }
        return new ChangePage(rows, deleted, text(body, "@odata.nextLink"), text(body, "@odata.deltaLink"));
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode node = body.path(field);
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }
}
