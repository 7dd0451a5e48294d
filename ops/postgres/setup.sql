-- Run by ops/stack as the postgres superuser after every start (idempotent):
--   psql -v db_name=... -v db_user=... -v db_password=... -f ops/postgres/setup.sql
-- The service's role and database, and pg_stat_statements in that database.
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'db_user', :'db_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'db_user') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db_name', :'db_user')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db_name') \gexec
\connect :"db_name"
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
