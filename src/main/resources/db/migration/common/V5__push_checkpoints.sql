-- The push job's resume points (docs/push.md): per run identity (environment, table, mode, key and the source's
-- fingerprint, hashed), the last source row up to which every row's batch is committed. A finished push removes
-- its row; a killed one leaves it for the next run of the same push to resume after.
-- Portable SQL: the same script runs on PostgreSQL and H2.
CREATE TABLE dvb_push_checkpoints (
    run_identity       VARCHAR(100) NOT NULL,
    environment        VARCHAR(100) NOT NULL,
    table_name         VARCHAR(128) NOT NULL,
    source_fingerprint VARCHAR(100) NOT NULL,
    committed_row      BIGINT       NOT NULL,
    run_id             VARCHAR(100) NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_dvb_push_checkpoints PRIMARY KEY (run_identity)
);
