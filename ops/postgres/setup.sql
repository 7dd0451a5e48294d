-- Run by ops/stack as the postgres superuser after every start (idempotent):
--   psql -v db_name=... -v db_user=... -v db_password=... -f ops/postgres/setup.sql
-- The service's role and database, and pg_stat_statements in that database; and a second database,
-- <db_name>_it, for the adapters' integration tests, whose runs the stack's workers never see (they
-- poll for due runs: a test's run parked on a timer would be theirs to claim).
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'db_user', :'db_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'db_user') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db_name', :'db_user')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db_name') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db_name' || '_it', :'db_user')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db_name' || '_it') \gexec
\connect :"db_name"
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
