package io.dvbridge.dataverse;

import java.net.URI;

/**
 * Where a change-tracking read stands: the link to request next, and whether the sync it belongs to is a resync
 * (a full sync forced by a refused token), kept across restarts as a {@code #resync} fragment on the saved link.
 * A link without {@code $deltatoken} belongs to an initial sync; with one, to a delta.
 */
record ChangePosition(URI link, boolean resync) {

    private static final String RESYNC = "#resync";

    static ChangePosition parse(String saved) {
        boolean resync = saved.endsWith(RESYNC);
        try {
            return new ChangePosition(URI.create(resync ? saved.substring(0, saved.length() - RESYNC.length()) : saved), resync);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The saved change-tracking position is not a link", e);
        }
    }

    /** Whether this link reads a full sync (first page or its nextLinks) rather than a delta. */
    boolean initial() {
        String query = link.getRawQuery() == null ? "" : link.getRawQuery();
        return !(query.startsWith("$deltatoken=") || query.contains("&$deltatoken=")
                || query.startsWith("%24deltatoken=") || query.contains("&%24deltatoken="));
    }

    /** The position after a page that handed out {@code next}: a resync ends with its delta link. */
    ChangePosition then(String next) {
        ChangePosition following = new ChangePosition(URI.create(next), false);
        return new ChangePosition(following.link(), resync && following.initial());
    }

    /** The text to save: the link, with the resync marker while a resync is under way. */
    String text() {
        return link + (resync ? RESYNC : "");
    }
}
