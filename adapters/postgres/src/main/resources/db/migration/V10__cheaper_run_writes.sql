-- Cheaper writes to runs (issue 8). Every change of a run's status or lease is a non-HOT update (the
-- status leads the listing index runs_by_status_idx, the lease keys runs_due_idx): it writes a new
-- entry into each index whose predicate the new row meets, so fewer such indexes mean cheaper claims,
-- lease renewals and timers.
--
-- The stranded-run sweep's pending half gets an index holding pending runs only; its running half
-- (a lease that ran out) is what runs_due_idx already serves. A claimed run, and each renewal of its
-- lease, then writes one index entry fewer than with runs_stranded_idx, which held running runs too.
CREATE INDEX runs_pending_idx ON runs (created_at) WHERE status = 'pending';
DROP INDEX runs_stranded_idx;

-- Room left in each page for a run's next version: an update that changes no indexed column (a step's
-- result recorded between steps) then stays on its page as a HOT update and writes no index entry.
ALTER TABLE runs SET (fillfactor = 90);
