-- The workflow database's statements by total execution time since the last
-- pg_stat_statements_reset(), as ops/bench saves them beside each benchmark phase. Run as the
-- postgres superuser in the workflow database: psql -d workflow -f ops/postgres/statements.sql
SELECT round(s.total_exec_time::numeric, 1) AS total_ms,
       round((100 * s.total_exec_time / nullif(sum(s.total_exec_time) OVER (), 0))::numeric, 1) AS "total_%",
       s.calls,
       round(s.mean_exec_time::numeric, 3) AS mean_ms,
       s.rows,
       regexp_replace(s.query, '\s+', ' ', 'g') AS query
FROM pg_stat_statements s
WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND s.query NOT LIKE '%pg_stat_statements%'
ORDER BY s.total_exec_time DESC;
