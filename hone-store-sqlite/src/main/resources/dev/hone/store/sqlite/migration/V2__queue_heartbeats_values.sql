-- Hone study store, schema version 1 -> 2.
-- WAITING trials (enqueued configurations, no start time yet), worker heartbeats, the enqueued
-- configuration of each trial, every objective value of a trial (multi-objective studies) and
-- every direction of a study. SQLite cannot change a CHECK constraint or drop NOT NULL in place,
-- so the trials table is rebuilt (SQLite's documented generalized ALTER TABLE procedure); it runs
-- with foreign keys off and is verified with PRAGMA foreign_key_check before commit.

CREATE TABLE trials_v2 (
  trial_id     INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id     INTEGER NOT NULL REFERENCES studies (study_id),
  number       INTEGER NOT NULL,
  state        TEXT    NOT NULL CHECK (state IN ('WAITING', 'RUNNING', 'COMPLETE', 'PRUNED', 'FAIL')),
  value        REAL,
  value_kind   TEXT    CHECK (value_kind IN ('FINITE', 'NAN', 'POS_INF', 'NEG_INF', 'NEG_ZERO')),
  started_at   TEXT,
  finished_at  TEXT,
  heartbeat_at TEXT,
  UNIQUE (study_id, number)
);

INSERT INTO trials_v2 (trial_id, study_id, number, state, value, value_kind, started_at, finished_at)
  SELECT trial_id, study_id, number, state, value, value_kind, started_at, finished_at FROM trials;

DROP TABLE trials;

ALTER TABLE trials_v2 RENAME TO trials;

CREATE INDEX trials_by_study ON trials (study_id, number);

CREATE INDEX trials_by_state ON trials (study_id, state, number);

-- value and value_kind of trials keep the first objective value; trial_values holds them all.
CREATE TABLE trial_values (
  trial_id   INTEGER NOT NULL REFERENCES trials (trial_id),
  objective  INTEGER NOT NULL,
  value      REAL,
  value_kind TEXT    NOT NULL CHECK (value_kind IN ('FINITE', 'NAN', 'POS_INF', 'NEG_INF', 'NEG_ZERO')),
  PRIMARY KEY (trial_id, objective)
);

INSERT INTO trial_values (trial_id, objective, value, value_kind)
  SELECT trial_id, 0, value, value_kind FROM trials WHERE value_kind IS NOT NULL;

-- The configuration a trial was enqueued with: kind FLOAT (Double.toString), INT or STRING.
CREATE TABLE trial_fixed_params (
  trial_id INTEGER NOT NULL REFERENCES trials (trial_id),
  ordinal  INTEGER NOT NULL,
  name     TEXT    NOT NULL,
  kind     TEXT    NOT NULL CHECK (kind IN ('FLOAT', 'INT', 'STRING')),
  value    TEXT    NOT NULL,
  PRIMARY KEY (trial_id, name)
);

CREATE TABLE study_directions (
  study_id  INTEGER NOT NULL REFERENCES studies (study_id),
  objective INTEGER NOT NULL,
  direction TEXT    NOT NULL CHECK (direction IN ('MINIMIZE', 'MAXIMIZE')),
  PRIMARY KEY (study_id, objective)
);

INSERT INTO study_directions (study_id, objective, direction)
  SELECT study_id, 0, direction FROM studies;
