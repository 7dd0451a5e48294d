-- The size in bytes of a run's payload and step results as the service writes them (compact JSON,
-- UTF-8): a page of runs counts them against its byte budget without reading the documents.
-- Rows written before this migration have NULL here; the listing then measures their text.
ALTER TABLE runs ADD COLUMN payload_bytes integer;
ALTER TABLE runs ADD COLUMN step_results_bytes integer;
