package io.dvbridge.sandbox.dataverse.query;

/** A FetchXML {@code <order attribute descending/>}. */
public record FetchOrder(String attribute, boolean descending) {
}
