-- Each workflow's webhook signing secrets (Standard Webhooks, whsec_...), apart from the workflow
-- row so the workflow can be cached and returned without them. The previous secret keeps signing
-- until previous_until after a rotation. No foreign key: the secret is written before its workflow,
-- so a failure in between leaves an unused secret rather than an unsigned workflow.
CREATE TABLE webhook_signing_secrets (
    workflow_uuid  uuid PRIMARY KEY,
    current_secret text NOT NULL,
    previous_secret text,
    previous_until timestamptz,
    CHECK ((previous_secret IS NULL) = (previous_until IS NULL))
);
