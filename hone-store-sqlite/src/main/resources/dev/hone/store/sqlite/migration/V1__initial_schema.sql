-- Hone study store, schema version 1.
-- Every double is stored as (REAL column, kind column): kind is FINITE, NAN, POS_INF, NEG_INF or
-- NEG_ZERO, and the REAL is NULL unless kind is FINITE, because SQLite turns NaN into NULL and
-- -0.0 into 0. Timestamps are ISO-8601 UTC strings with nanoseconds (java.time.Instant#toString).

CREATE TABLE schema_version (
  version INTEGER NOT NULL
);

CREATE TABLE studies (
  study_id   INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT    NOT NULL UNIQUE,
  direction  TEXT    NOT NULL CHECK (direction IN ('MINIMIZE', 'MAXIMIZE')),
  seed       INTEGER NOT NULL,
  created_at TEXT    NOT NULL
);

CREATE TABLE study_user_attributes (
  study_id INTEGER NOT NULL REFERENCES studies (study_id),
  key      TEXT    NOT NULL,
  value    TEXT    NOT NULL,
  PRIMARY KEY (study_id, key)
);

CREATE TABLE trials (
  trial_id    INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id    INTEGER NOT NULL REFERENCES studies (study_id),
  number      INTEGER NOT NULL,
  state       TEXT    NOT NULL CHECK (state IN ('RUNNING', 'COMPLETE', 'PRUNED', 'FAIL')),
  value       REAL,
  value_kind  TEXT    CHECK (value_kind IN ('FINITE', 'NAN', 'POS_INF', 'NEG_INF', 'NEG_ZERO')),
  started_at  TEXT    NOT NULL,
  finished_at TEXT,
  UNIQUE (study_id, number)
);

CREATE TABLE trial_params (
  trial_id      INTEGER NOT NULL REFERENCES trials (trial_id),
  ordinal       INTEGER NOT NULL,
  name          TEXT    NOT NULL,
  internal      REAL,
  internal_kind TEXT    NOT NULL CHECK (internal_kind IN ('FINITE', 'NEG_ZERO')),
  distribution  TEXT    NOT NULL,
  PRIMARY KEY (trial_id, name)
);

CREATE TABLE trial_intermediate_values (
  trial_id   INTEGER NOT NULL REFERENCES trials (trial_id),
  step       INTEGER NOT NULL,
  value      REAL,
  value_kind TEXT    NOT NULL CHECK (value_kind IN ('FINITE', 'NAN', 'POS_INF', 'NEG_INF', 'NEG_ZERO')),
  PRIMARY KEY (trial_id, step)
);

CREATE TABLE trial_user_attributes (
  trial_id INTEGER NOT NULL REFERENCES trials (trial_id),
  key      TEXT    NOT NULL,
  value    TEXT    NOT NULL,
  PRIMARY KEY (trial_id, key)
);

CREATE INDEX trials_by_study ON trials (study_id, number);
