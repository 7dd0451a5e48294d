-- Runs may be cancelled, and a failed or cancelled run retried: attempt counts the tries (1 until the first retry).
ALTER TABLE runs DROP CONSTRAINT runs_status_check;
ALTER TABLE runs ADD CONSTRAINT runs_status_check CHECK (status IN ('pending', 'running', 'success', 'failed', 'cancelled'));
ALTER TABLE runs ADD COLUMN attempt integer NOT NULL DEFAULT 1 CHECK (attempt >= 1);
