package io.dvbridge.export;

/**
 * What a sink column holds, whatever the database: the Dataverse attribute types folded into the value
 * types a sink stores (the mapping per dialect is in {@link SqlDialect} and docs/export.md).
 */
public enum ColumnKind {
    /** A GUID: the primary id and unique identifier columns. */
    GUID,
    /** A lookup's id (Lookup, Customer, Owner); its table name goes in {@code <column>_entitytype}. */
    LOOKUP,
    /** The table name a lookup points at. */
    ENTITY_TYPE,
    /** An elastic table's partitionid: text, part of the key (so as long as a key may be in each database). */
    PARTITION,
    /** Text up to its MaxLength (String, EntityName). */
    TEXT,
    /** Long text (Memo, up to 1,048,576 characters) and multi-select choices ({@code "1,9"}). */
    MEMO,
    INTEGER,
    BIGINT,
    /** Decimal and Money: exact. */
    DECIMAL,
    DOUBLE,
    BOOLEAN,
    /** A point in time (UserLocal, TimeZoneIndependent): stored in UTC. */
    DATETIME,
    /** DateOnly. */
    DATE,
    /** Choice, State and Status values: the option's number (labels in the metadata tables). */
    CHOICE,
    /** Sink time stamps: SinkCreatedOn, SinkModifiedOn. */
    SINK_TIME
}
