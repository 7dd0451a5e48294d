-- A workflow's options: its default retry policy for webhook steps and its run timeout
-- ({"retry": {...}, "timeout_ns": n}, each optional). A webhook step's own timeout sits in its config.
ALTER TABLE workflows ADD COLUMN options jsonb NOT NULL DEFAULT '{}';

-- A run parked on a durable timer (a long delay, or the wait before a webhook's next attempt):
-- {"step_name", "step_started_at", "wake_at", "failed_attempts": [...]}; its lease ends at wake_at.
ALTER TABLE runs ADD COLUMN timer jsonb;

-- The workers' poll for due runs: running runs whose lease (a timer, or a dead worker's claim) ran out.
CREATE INDEX runs_due_idx ON runs (lease_expires_at) WHERE status = 'running';
