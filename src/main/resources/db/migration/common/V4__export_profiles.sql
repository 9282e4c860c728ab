-- Export profiles (docs/export-profiles.md): named export requests kept in the state store, so every instance
-- sharing it sees the same profiles. A profile's schedule (when active) is a Quartz job in the QRTZ_ tables.
-- Portable SQL: the same script runs on PostgreSQL and H2.

CREATE TABLE dvb_export_profiles (
    name                   VARCHAR(100)   NOT NULL,
    -- the export job's request as a JSON object, checked by that job's schema before it is saved
    request                VARCHAR(65536) NOT NULL,
    interval_seconds       BIGINT         NOT NULL,
    retry_interval_seconds BIGINT         NOT NULL,
    retry_max              INTEGER        NOT NULL,
    active                 BOOLEAN        NOT NULL,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_dvb_export_profiles PRIMARY KEY (name)
);
