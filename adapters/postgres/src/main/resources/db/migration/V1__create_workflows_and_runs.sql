-- Workflows never change after creation; their steps are one JSON document.
CREATE TABLE workflows (
    uuid        uuid PRIMARY KEY,
    client_id   text,
    name        text NOT NULL,
    description text,
    steps       jsonb NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE runs (
    id               uuid PRIMARY KEY,
    workflow_id      uuid NOT NULL REFERENCES workflows (uuid),
    status           text NOT NULL CHECK (status IN ('pending', 'running', 'success', 'failed')),
    payload          jsonb NOT NULL,
    created_at       timestamptz NOT NULL,
    started_at       timestamptz,
    completed_at     timestamptz,
    error            text,
    step_results     jsonb NOT NULL DEFAULT '{}',
    lease_expires_at timestamptz
);

-- Keyset pagination, newest first: WHERE (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC.
CREATE INDEX runs_newest_first_idx ON runs (created_at DESC, id DESC);
CREATE INDEX runs_by_status_idx ON runs (status, created_at DESC, id DESC);
-- Also serves the foreign key: finding a workflow's runs without scanning the table.
CREATE INDEX runs_by_workflow_idx ON runs (workflow_id, created_at DESC, id DESC);

-- The stranded-run sweep reads only live runs, a small slice of the table once most runs are finished.
CREATE INDEX runs_stranded_idx ON runs (status, created_at) WHERE status IN ('pending', 'running');
