-- A run's inputs and result (which can be megabytes) move out of the runs row: listing runs then reads only small rows.
-- (SQLite keeps a row's columns in order and reaches the ones after a large value by walking its overflow pages.)
CREATE TABLE run_data (
    run_id TEXT NOT NULL PRIMARY KEY,
    inputs TEXT NOT NULL,
    result TEXT
);
INSERT INTO run_data (run_id, inputs, result) SELECT id, inputs, result FROM runs;
ALTER TABLE runs DROP COLUMN inputs;
ALTER TABLE runs DROP COLUMN result;
CREATE INDEX runs_by_start ON runs (started_at DESC, id DESC);
