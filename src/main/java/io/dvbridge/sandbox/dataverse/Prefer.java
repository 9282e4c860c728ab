package io.dvbridge.sandbox.dataverse;

import io.dvbridge.sandbox.http.SandboxRequest;

import java.util.Locale;
import java.util.OptionalInt;

/** The OData preferences of a request's Prefer header(s) that the sandbox honours. */
record Prefer(OptionalInt maxPageSize, boolean returnRepresentation, boolean includeAnnotations,
              boolean continueOnError, boolean trackChanges) {

    static Prefer of(SandboxRequest request) {
        OptionalInt pageSize = OptionalInt.empty();
        boolean representation = false;
        boolean annotations = false;
        boolean continueOnError = false;
        boolean track = false;
        for (String header : request.headers().getOrDefault("Prefer", java.util.List.of())) {
            for (String raw : header.split(",")) {
                String p = raw.trim();
                String lower = p.toLowerCase(Locale.ROOT);
                if (lower.startsWith("odata.maxpagesize=")) {
                    try {
                        pageSize = OptionalInt.of(Integer.parseInt(p.substring(p.indexOf('=') + 1).trim()));
                    } catch (NumberFormatException e) {
                        throw DataverseError.badRequest("The value of the odata.maxpagesize preference must be a positive integer.");
                    }
                } else if (lower.equals("return=representation")) {
                    representation = true;
                } else if (lower.startsWith("odata.include-annotations=")) {
                    annotations = true;
                } else if (lower.equals("odata.continue-on-error")) {
                    continueOnError = true;
                } else if (lower.equals("odata.track-changes")) {
                    track = true;
                }
            }
        }
        return new Prefer(pageSize, representation, annotations, continueOnError, track);
    }
}
