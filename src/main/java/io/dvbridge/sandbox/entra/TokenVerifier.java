package io.dvbridge.sandbox.entra;

import java.util.Optional;

/** Verifies access tokens issued by the sandbox's Entra ID for a resource (Dataverse or Power BI). */
public interface TokenVerifier {

    /**
     * @param bearer           the token from the Authorization header, if any
     * @param expectedAudience the resource URI the token must be issued for, e.g.
     *                         {@code https://127.0.0.1:8443/orgs/contoso-dev} or
     *                         {@code https://analysis.windows.net/powerbi/api}
     */
    VerifiedToken verify(Optional<String> bearer, String expectedAudience) throws InvalidTokenException;
}
