-- A finished run's result is stored compressed (Brotli, UTF-8 JSON) in result_z (older rows keep their text in result).
ALTER TABLE run_data ADD COLUMN result_z BLOB;
-- A run pruned by the retention policy keeps its row (id, tool, status, times) and loses its data.
ALTER TABLE runs ADD COLUMN pruned_at INTEGER
