package io.dvbridge.sandbox.dataverse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.sandbox.http.SandboxResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calling application user of an environment (WhoAmI) and its privileges (the RetrieveUserPrivileges
 * function: {@code GET systemusers(<id>)/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()}, answering
 * {@code RolePrivileges} of {@code {Depth, PrivilegeId, BusinessUnitId, PrivilegeName}}). The sandbox's user
 * holds every table privilege at Global depth, as an application user with the System Administrator role does.
 */
final class UserPrivileges {

    private static final Pattern FUNCTION = Pattern.compile(
            "^systemusers\\(([0-9A-Fa-f-]{36})\\)/Microsoft\\.Dynamics\\.CRM\\.RetrieveUserPrivileges(\\(\\))?$");
    private static final List<String> ACCESS = List.of("Create", "Read", "Write", "Delete", "Append", "AppendTo");

    private final EnvironmentData data;
    private final String apiBase;
    private final UUID organizationId;

    UserPrivileges(EnvironmentData data, String apiBase, UUID organizationId) {
        this.data = data;
        this.apiBase = apiBase;
        this.organizationId = organizationId;
    }

    UUID userId() {
        return UUID.nameUUIDFromBytes((organizationId + "user").getBytes(StandardCharsets.UTF_8));
    }

    UUID businessUnitId() {
        return UUID.nameUUIDFromBytes((organizationId + "bu").getBytes(StandardCharsets.UTF_8));
    }

    SandboxResponse whoAmI() {
        return SandboxResponse.json(200, "{\"@odata.context\":\"" + apiBase + "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse\","
                + "\"BusinessUnitId\":\"" + businessUnitId() + "\",\"UserId\":\"" + userId() + "\",\"OrganizationId\":\"" + organizationId + "\"}");
    }

    /** The answer for a RetrieveUserPrivileges path, if it is one. */
    Optional<SandboxResponse> answer(String path) {
        Matcher call = FUNCTION.matcher(path);
        if (!call.matches()) {
            return Optional.empty();
        }
        if (!call.group(1).equalsIgnoreCase(userId().toString())) {
            throw DataverseError.notFound("systemuser", call.group(1));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("@odata.context", apiBase + "$metadata#Microsoft.Dynamics.CRM.RetrieveUserPrivilegesResponse");
        ArrayNode privileges = body.putArray("RolePrivileges");
        for (Table table : data.tables()) {
            for (String access : ACCESS) {
                String name = "prv" + access + table.schema().logicalName();
                privileges.addObject().put("Depth", "Global")
                        .put("PrivilegeId", UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString())
                        .put("BusinessUnitId", businessUnitId().toString()).put("PrivilegeName", name);
            }
        }
        return Optional.of(SandboxResponse.json(200, body.toString()));
    }
}
