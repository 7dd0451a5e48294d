-- Workflows get versions: a revision (PUT) replaces the definition in workflows, which always holds
-- the current version (so a trigger and a worker still read one row by primary key), and every
-- version, the current one included, is kept in workflow_versions. A revision is one statement that
-- updates the workflows row (its row lock orders concurrent revisions) and inserts the version it
-- numbered, so the primary key (workflow_uuid, version) never sees a gap or a duplicate.
-- A declared payload schema lives in options, beside the retry policy and the run timeout.
ALTER TABLE workflows ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);

CREATE TABLE workflow_versions (
    workflow_uuid uuid NOT NULL REFERENCES workflows (uuid),
    version       integer NOT NULL CHECK (version >= 1),
    client_id     text,
    name          text NOT NULL,
    description   text,
    steps         jsonb NOT NULL,
    options       jsonb NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (workflow_uuid, version)
);

INSERT INTO workflow_versions (workflow_uuid, version, client_id, name, description, steps, options, created_at)
SELECT uuid, 1, client_id, name, description, steps, options, created_at FROM workflows;

-- The version a run was triggered with, and executes; every run before versions ran version 1.
ALTER TABLE runs ADD COLUMN workflow_version integer NOT NULL DEFAULT 1 CHECK (workflow_version >= 1);
