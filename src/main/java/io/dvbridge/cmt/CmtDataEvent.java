package io.dvbridge.cmt;

/** What {@link DataZipReader#next()} yields while walking data.xml, in document order. */
public sealed interface CmtDataEvent {

    /** An {@code <entity>} element starts; {@code displayName} as data.xml states it. */
    record EntityStart(CmtEntity entity, String displayName) implements CmtDataEvent {
    }

    /** A complete {@code <record>}, its values already checked against the schema. */
    record Record(CmtEntity entity, CmtRecord record) implements CmtDataEvent {
    }

    /** A complete {@code <m2mrelationship>}. */
    record ManyToMany(CmtEntity entity, CmtM2M association) implements CmtDataEvent {
    }

    /** The {@code <entity>} element ends. */
    record EntityEnd(CmtEntity entity) implements CmtDataEvent {
    }
}
