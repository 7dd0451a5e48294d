-- Idempotency keys (the Idempotency-Key header): one row per key and caller scope, claimed by an
-- INSERT ... ON CONFLICT before the request's work and holding the answer once it is done.
-- state 'in_flight': locked_until bounds how long a holder that died keeps the key; 'complete':
-- status, headers and body are the first answer, repeated to every repeat until expires_at.
CREATE TABLE idempotency_keys (
    scope        text NOT NULL,
    key          text NOT NULL,
    fingerprint  text NOT NULL,
    claim_token  uuid NOT NULL,
    state        text NOT NULL CHECK (state IN ('in_flight', 'complete')),
    status       integer,
    headers      jsonb,
    body         text,
    created_at   timestamptz NOT NULL,
    locked_until timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (scope, key),
    CHECK (state = 'in_flight' OR (status IS NOT NULL AND headers IS NOT NULL AND body IS NOT NULL))
);

-- The cleanup deletes the oldest expired keys first, in batches.
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);

-- Workflows as a resource: an archived workflow starts no new runs and leaves the listing, but it and
-- its runs stay readable. The listing walks active workflows newest first, by keyset.
ALTER TABLE workflows ADD COLUMN archived_at timestamptz;
CREATE INDEX workflows_newest_first_idx ON workflows (created_at DESC, uuid DESC) WHERE archived_at IS NULL;
CREATE INDEX workflows_by_name_idx ON workflows (name, created_at DESC, uuid DESC) WHERE archived_at IS NULL;
