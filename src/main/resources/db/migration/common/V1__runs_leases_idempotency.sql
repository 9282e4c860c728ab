-- dvbridge state store: run history, leases and the queue's idempotency keys.
-- Portable SQL: the same script runs on PostgreSQL and H2.

CREATE TABLE dvb_runs (
    run_id      VARCHAR(100)  NOT NULL,
    job         VARCHAR(100)  NOT NULL,
    status      VARCHAR(20)   NOT NULL,
    dry_run     BOOLEAN       NOT NULL,
    trigger     VARCHAR(20)   NOT NULL,
    caller      VARCHAR(200)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE,
    finished_at TIMESTAMP WITH TIME ZONE,
    exit_code   INTEGER,
    summary     VARCHAR(2000) NOT NULL,
    done        BIGINT        NOT NULL,
    total       BIGINT        NOT NULL,
    instance_id VARCHAR(200)  NOT NULL,
    CONSTRAINT pk_dvb_runs PRIMARY KEY (run_id)
);
-- newest first, alone or filtered by job or status; keyset paging on (created_at, run_id)
CREATE INDEX idx_dvb_runs_created ON dvb_runs (created_at, run_id);
CREATE INDEX idx_dvb_runs_job ON dvb_runs (job, created_at, run_id);
CREATE INDEX idx_dvb_runs_status ON dvb_runs (status, created_at, run_id);
-- the unfinished runs of an instance that died
CREATE INDEX idx_dvb_runs_instance ON dvb_runs (instance_id, status);

-- a run's environments in the order the request named them; a table of their own so the filter can use an index
CREATE TABLE dvb_run_environments (
    run_id      VARCHAR(100) NOT NULL,
    ordinal     INTEGER      NOT NULL,
    environment VARCHAR(100) NOT NULL,
    CONSTRAINT pk_dvb_run_environments PRIMARY KEY (run_id, ordinal),
    CONSTRAINT fk_dvb_run_environments_run FOREIGN KEY (run_id) REFERENCES dvb_runs (run_id) ON DELETE CASCADE
);
CREATE INDEX idx_dvb_run_environments_environment ON dvb_run_environments (environment, run_id);

-- one writer per (kind, target): the primary key is what makes taking a lease atomic across instances
CREATE TABLE dvb_leases (
    kind        VARCHAR(100) NOT NULL,
    target      VARCHAR(100) NOT NULL,
    run_id      VARCHAR(100) NOT NULL,
    instance_id VARCHAR(200) NOT NULL,
    acquired_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_dvb_leases PRIMARY KEY (kind, target)
);
CREATE INDEX idx_dvb_leases_run ON dvb_leases (run_id);
CREATE INDEX idx_dvb_leases_instance ON dvb_leases (instance_id);

-- camel-sql's JdbcMessageIdRepository (table and column names are camel-sql's defaults). Its own DDL has no
-- primary key, so two instances receiving the same message at once could both run it; this one has.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(255) NOT NULL,
    messageId     VARCHAR(100) NOT NULL,
    createdAt     TIMESTAMP    NOT NULL,
    CONSTRAINT pk_camel_messageprocessed PRIMARY KEY (processorName, messageId)
);
