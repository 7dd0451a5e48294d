-- Trigger events the workers could not process, kept for operators (GET /api/v1/dead-letters).
CREATE TABLE dead_letters (
    id          uuid PRIMARY KEY,
    source      text NOT NULL,
    source_partition integer NOT NULL,
    source_offset    bigint NOT NULL,
    record_key  text,
    -- the event's value as UTF-8 text, at most 64 KiB; truncated says whether more was cut off
    payload     text NOT NULL,
    truncated   boolean NOT NULL DEFAULT false,
    reason      text NOT NULL,
    run_id      uuid,
    -- null when no tenant could be told: such letters are shown to every tenant's admin
    tenant      text,
    recorded_at timestamptz NOT NULL,
    redriven_at timestamptz
);
-- A redelivered record is kept once.
CREATE UNIQUE INDEX dead_letters_source_position_idx ON dead_letters (source, source_partition, source_offset);
-- Keyset paging, newest first.
CREATE INDEX dead_letters_newest_first_idx ON dead_letters (recorded_at DESC, id DESC);
