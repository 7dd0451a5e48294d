# shellcheck shell=bash
# ops/stack: PgBouncer in front of PostgreSQL, in session pooling unless PGBOUNCER_POOL_MODE says
# transaction, run as the postgres user; its settings from ops/pgbouncer/pgbouncer.ini.template.

# pgbouncer_probe PORT USER PASSWORD DATABASE — SELECT 1 through PgBouncer (self-contained: run by `bounded`).
pgbouncer_probe() {
    [ "$(PGPASSWORD=$3 psql -X -q -h 127.0.0.1 -p "$1" -U "$2" -d "$4" -tA -c 'select 1')" = 1 ]
}

# userlist: the role's SCRAM secret, so PgBouncer checks clients and logs in to PostgreSQL with
# it (SCRAM pass-through) without keeping the plain password anywhere. 0 when it changed.
pgbouncer_userlist() {
    local dir=$1 secret
    secret=$(psql_admin -c "select rolpassword from pg_authid where rolname = '$DB_USER'")
    case "$secret" in SCRAM-SHA-256\$*) ;; *) die "pgbouncer: role $DB_USER has no SCRAM secret (password_encryption must be scram-sha-256)" ;; esac
    [ -f "$dir/userlist.txt" ] || install -o postgres -g postgres -m 0600 /dev/null "$dir/userlist.txt"
    printf '"%s" "%s"\n' "$DB_USER" "$secret" | write_if_changed "$dir/userlist.txt"
}

up_pgbouncer() {
    local dir="$STACK_HOME/pgbouncer" log pid changed=0 pool_size=40 reserve=10
    # session pooling holds one server connection per pooled client connection: a pool for all of them
    if [ "$PGBOUNCER_POOL_MODE" = session ]; then pool_size=160 reserve=0; fi
    log=$(component_log pgbouncer)
    install -d -o postgres -g postgres -m 0750 "$dir"
    pgbouncer_userlist "$dir" && changed=1
    [ -f "$dir/pgbouncer.ini" ] || install -o postgres -g postgres -m 0640 /dev/null "$dir/pgbouncer.ini"
    config_from_template "$REPO_ROOT/ops/pgbouncer/pgbouncer.ini.template" "$dir/pgbouncer.ini" \
        DB_NAME="$DB_NAME" PG_PORT="$PG_PORT" PGBOUNCER_PORT="$PGBOUNCER_PORT" DIR="$dir" LOG_FILE="$log" \
        LISTEN_ADDRESSES="$(listen_addresses ,)" POOL_MODE="$PGBOUNCER_POOL_MODE" POOL_SIZE="$pool_size" \
        RESERVE_POOL_SIZE="$reserve" && changed=1
    if pid=$(component_pid pgbouncer); then
        if [ "$changed" = 1 ]; then kill -HUP "$pid"; fi # reload ini and userlist
        already_running pgbouncer "$pid"
        return 0
    fi
    [ -f "$log" ] || install -o postgres -g postgres -m 0640 /dev/null "$log"
    # setpriv, not runuser/su: those go through PAM's pam_limits, which resets `ulimit -n` to 1024
    start_daemon pgbouncer PGBOUNCER_PORT \
        setpriv --reuid=postgres --regid=postgres --init-groups pgbouncer -d -q "$dir/pgbouncer.ini"
}
