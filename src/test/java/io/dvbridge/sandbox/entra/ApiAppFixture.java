package io.dvbridge.sandbox.entra;

/**
 * A fixture with an API registration ({@code api://dvbridge}, app roles Jobs.Run and Runs.Read, v1.0
 * tokens as Entra's default manifest gives) and client apps holding different roles on it; a second
 * API asking for v2.0 tokens ({@code api://dvbridge-v2}); and a second tenant that registers an API
 * under the same identifier URI and grants its own client every role.
 */
public final class ApiAppFixture {

    public static final String TENANT_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    public static final String OTHER_TENANT_ID = "f0e1d2c3-b4a5-4968-8776-655443322110";
    public static final String APP_ID_URI = "api://dvbridge";
    public static final String API_CLIENT_ID = "a0000000-0000-4000-8000-000000000001";
    public static final String V2_APP_ID_URI = "api://dvbridge-v2";
    public static final String V2_API_CLIENT_ID = "a0000000-0000-4000-8000-000000000009";
    public static final String RUNNER = "a0000000-0000-4000-8000-000000000002";
    public static final String READER = "a0000000-0000-4000-8000-000000000003";
    public static final String NO_ROLES = "a0000000-0000-4000-8000-000000000004";
    public static final String TRIGGER_ONLY = "a0000000-0000-4000-8000-000000000005";
    public static final String OTHER_TENANT_RUNNER = "b0000000-0000-4000-8000-000000000002";
    /** The secret of every client app in this fixture (sandbox-only). */
    public static final String SECRET = "api-fixture-secret~0123456789";

    private ApiAppFixture() {
    }

    public static String yaml() {
        return """
                tenants:
                  - id: %1$s
                    name: contoso
                    apps:
                      - clientId: %3$s
                        name: dvbridge-api
                        identifierUris: ["%4$s"]
                        appRoles: [Jobs.Run, Runs.Read]
                      - clientId: %12$s
                        name: dvbridge-api-v2
                        identifierUris: ["%11$s"]
                        appRoles: [Jobs.Run, Runs.Read]
                        requestedAccessTokenVersion: 2
                      - clientId: %5$s
                        name: release-pipeline
                        secrets: ["%9$s"]
                        appRoleAssignments: {"%4$s": [Jobs.Run, Runs.Read], "%11$s": [Jobs.Run]}
                      - clientId: %6$s
                        name: dashboard
                        secrets: ["%9$s"]
                        appRoleAssignments: {"%3$s": [Runs.Read]}
                      - clientId: %7$s
                        name: unassigned
                        secrets: ["%9$s"]
                      - clientId: %10$s
                        name: scheduler
                        secrets: ["%9$s"]
                        appRoleAssignments: {"%4$s": [Jobs.Run]}
                  - id: %2$s
                    name: fabrikam
                    apps:
                      - clientId: c0000000-0000-4000-8000-000000000001
                        name: lookalike-api
                        identifierUris: ["%4$s"]
                        appRoles: [Jobs.Run, Runs.Read]
                      - clientId: %8$s
                        name: intruder
                        secrets: ["%9$s"]
                        appRoleAssignments: {"%4$s": [Jobs.Run, Runs.Read]}
                environments:
                  - name: contoso-dev
                    tenant: contoso
                """.formatted(TENANT_ID, OTHER_TENANT_ID, API_CLIENT_ID, APP_ID_URI, RUNNER, READER, NO_ROLES,
                OTHER_TENANT_RUNNER, SECRET, TRIGGER_ONLY, V2_APP_ID_URI, V2_API_CLIENT_ID);
    }
}
