package io.dvbridge.cmt;

/** Receives the content of data.xml one item at a time; see {@link DataZipReader#accept}. */
public interface CmtDataVisitor {

    default void entityStart(CmtEntity entity, String displayName) {
    }

    void record(CmtEntity entity, CmtRecord record);

    default void manyToMany(CmtEntity entity, CmtM2M association) {
    }

    default void entityEnd(CmtEntity entity) {
    }
}
