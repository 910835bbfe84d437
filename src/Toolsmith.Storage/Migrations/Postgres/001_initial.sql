CREATE TABLE tools (
    id              TEXT   NOT NULL PRIMARY KEY,
    name            TEXT   NOT NULL UNIQUE,
    description     TEXT,
    current_version INTEGER NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);

CREATE TABLE tool_versions (
    tool_id    TEXT    NOT NULL REFERENCES tools (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    document   TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (tool_id, version)
);

CREATE TABLE runs (
    id             TEXT    NOT NULL PRIMARY KEY,
    tool_id        TEXT,
    tool_name      TEXT    NOT NULL,
    tool_version   INTEGER,
    source         TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    inputs         TEXT    NOT NULL,
    result         TEXT,
    error          TEXT,
    owner_instance TEXT    NOT NULL,
    started_at     BIGINT  NOT NULL,
    ended_at       BIGINT
);
CREATE INDEX runs_by_tool ON runs (tool_name, started_at DESC);
CREATE INDEX runs_by_status ON runs (status, owner_instance);

CREATE TABLE instances (
    id           TEXT    NOT NULL PRIMARY KEY,
    host         TEXT    NOT NULL,
    pid          INTEGER NOT NULL,
    started_at   BIGINT  NOT NULL,
    heartbeat_at BIGINT  NOT NULL
);

CREATE TABLE secrets (
    name       TEXT   NOT NULL PRIMARY KEY,
    value      TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);
