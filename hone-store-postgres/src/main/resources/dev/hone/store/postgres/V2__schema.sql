-- Hone study store on PostgreSQL, schema version 2 (the first on PostgreSQL; version numbers name
-- the same logical schema as in hone-store-sqlite). double precision keeps NaN, +-Infinity and
-- -0.0 exactly, so no value-kind columns are needed. Timestamps are ISO-8601 UTC strings with
-- nanoseconds (java.time.Instant#toString), compared in Java.

CREATE TABLE schema_version (
  version INTEGER NOT NULL
);

-- next_number is the per-study trial counter: every transaction that creates a trial locks this
-- row (UPDATE ... RETURNING), which keeps numbers dense across connections and machines.
CREATE TABLE studies (
  study_id    BIGSERIAL PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE,
  direction   TEXT    NOT NULL CHECK (direction IN ('MINIMIZE', 'MAXIMIZE')),
  seed        BIGINT  NOT NULL,
  created_at  TEXT    NOT NULL,
  next_number INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE study_directions (
  study_id  BIGINT  NOT NULL REFERENCES studies (study_id),
  objective INTEGER NOT NULL,
  direction TEXT    NOT NULL CHECK (direction IN ('MINIMIZE', 'MAXIMIZE')),
  PRIMARY KEY (study_id, objective)
);

CREATE TABLE study_user_attributes (
  study_id BIGINT NOT NULL REFERENCES studies (study_id),
  ordinal  BIGSERIAL,
  key      TEXT   NOT NULL,
  value    TEXT   NOT NULL,
  PRIMARY KEY (study_id, key)
);

CREATE TABLE trials (
  trial_id     BIGSERIAL PRIMARY KEY,
  study_id     BIGINT  NOT NULL REFERENCES studies (study_id),
  number       INTEGER NOT NULL,
  state        TEXT    NOT NULL CHECK (state IN ('WAITING', 'RUNNING', 'COMPLETE', 'PRUNED', 'FAIL')),
  started_at   TEXT,
  finished_at  TEXT,
  heartbeat_at TEXT,
  UNIQUE (study_id, number)
);

CREATE INDEX trials_by_state ON trials (study_id, state, number);

CREATE TABLE trial_values (
  trial_id  BIGINT  NOT NULL REFERENCES trials (trial_id),
  objective INTEGER NOT NULL,
  value     DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (trial_id, objective)
);

CREATE TABLE trial_params (
  trial_id     BIGINT  NOT NULL REFERENCES trials (trial_id),
  ordinal      INTEGER NOT NULL,
  name         TEXT    NOT NULL,
  internal     DOUBLE PRECISION NOT NULL,
  distribution TEXT    NOT NULL,
  PRIMARY KEY (trial_id, name)
);

CREATE TABLE trial_fixed_params (
  trial_id BIGINT  NOT NULL REFERENCES trials (trial_id),
  ordinal  INTEGER NOT NULL,
  name     TEXT    NOT NULL,
  kind     TEXT    NOT NULL CHECK (kind IN ('FLOAT', 'INT', 'STRING')),
  value    TEXT    NOT NULL,
  PRIMARY KEY (trial_id, name)
);

CREATE TABLE trial_intermediate_values (
  trial_id BIGINT  NOT NULL REFERENCES trials (trial_id),
  step     INTEGER NOT NULL,
  value    DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (trial_id, step)
);

CREATE TABLE trial_user_attributes (
  trial_id BIGINT NOT NULL REFERENCES trials (trial_id),
  ordinal  BIGSERIAL,
  key      TEXT   NOT NULL,
  value    TEXT   NOT NULL,
  PRIMARY KEY (trial_id, key)
);
