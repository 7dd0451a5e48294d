-- API keys, kept as the SHA-256 of the whole key (hexadecimal): a request's key is found by its digest.
CREATE TABLE api_keys (
    id         uuid PRIMARY KEY,
    tenant     text NOT NULL,
    -- space-separated scope names, such as "runs:read runs:trigger"
    scopes     text NOT NULL,
    name       text NOT NULL DEFAULT '',
    key_hash   text NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE UNIQUE INDEX api_keys_hash_idx ON api_keys (key_hash);

-- Every workflow and run belongs to a tenant; what existed before keys (and AUTH=off) is the default one's.
ALTER TABLE workflows ADD COLUMN tenant text NOT NULL DEFAULT 'default';
ALTER TABLE runs ADD COLUMN tenant text NOT NULL DEFAULT 'default';

-- A tenant's listing stays index-backed: the tenant leads each listing index.
DROP INDEX runs_newest_first_idx;
CREATE INDEX runs_newest_first_idx ON runs (tenant, created_at DESC, id DESC);
DROP INDEX runs_by_status_idx;
CREATE INDEX runs_by_status_idx ON runs (tenant, status, created_at DESC, id DESC);
