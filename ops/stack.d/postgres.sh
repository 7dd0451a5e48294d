# shellcheck shell=bash
# ops/stack: PostgreSQL — this checkout's own cluster (Debian's pg_createcluster/pg_ctlcluster,
# data in $STACK_HOME/postgres), its settings from ops/postgres/postgresql.conf.template, the
# service's role and database and pg_stat_statements from ops/postgres/setup.sql.

psql_workflow() { # psql_workflow PORT SQL — as the workflow role over TCP
    PGPASSWORD=$DB_PASSWORD PGCONNECT_TIMEOUT=$PROBE_TIMEOUT psql -X -q -h 127.0.0.1 -p "$1" -U "$DB_USER" -d "$DB_NAME" -tA -c "$2"
}

psql_admin() { # psql_admin ARG... — as the postgres superuser over the Unix socket
    runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres -tA "$@"
}

pg_cluster_field() { # pg_cluster_field N — field N of our cluster's pg_lsclusters line
    pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" -v f="$1" '$1 == v && $2 == c {print $f}'
}

pg_running() {
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1
}

pg_setup_log() {
    echo "$LOG_DIR/postgres-setup.log"
}

# Forgets a cluster of ours whose data directory is gone; refuses one whose data lives elsewhere.
pg_check_existing_cluster() {
    local datadir
    [ -d "$PG_CONF_DIR" ] || return 0
    datadir=$(sed -n "s/^data_directory *= *'\([^']*\)'.*/\1/p" "$PG_CONF_DIR/postgresql.conf" 2>/dev/null || true)
    if [ -f "$datadir/PG_VERSION" ]; then
        [ "$datadir" = "$PG_DATA" ] ||
            die "postgres: cluster $PG_VERSION/$PG_CLUSTER exists with data in $datadir, not $PG_DATA; drop it (pg_dropcluster --stop $PG_VERSION $PG_CLUSTER) or set PG_CLUSTER"
        return 0
    fi
    # its data directory is gone (e.g. $STACK_HOME deleted by hand): forget the stale cluster
    step_note postgres "forgetting cluster $PG_VERSION/$PG_CLUSTER, whose data directory ${datadir:-?} is gone"
    pg_dropcluster "$PG_VERSION" "$PG_CLUSTER" >>"$(pg_setup_log)" 2>&1 || true
    rm -rf "$PG_CONF_DIR"
}

pg_ensure_cluster() {
    runuser -u postgres -- test -x "$STACK_HOME" ||
        die "postgres: the postgres user cannot reach $STACK_HOME (a parent directory is closed to it); choose another STACK_HOME"
    pg_check_existing_cluster
    if [ ! -d "$PG_CONF_DIR" ]; then
        install -d -o postgres -g postgres -m 0700 "$PG_DATA"
        [ -z "$(ls -A "$PG_DATA")" ] || die "postgres: $PG_DATA is not empty but holds no cluster; move it away"
        install -o postgres -g postgres -m 0640 /dev/null "$(component_log postgres)"
        pg_createcluster "$PG_VERSION" "$PG_CLUSTER" --datadir "$PG_DATA" -p "$PG_PORT" \
            -l "$(component_log postgres)" --start-conf manual >>"$(pg_setup_log)" 2>&1 ||
            { show_log_tail "$(pg_setup_log)"; die "postgres: pg_createcluster failed; see $(pg_setup_log)"; }
    fi
    if [ "$(pg_cluster_field 3)" != "$PG_PORT" ] && ! pg_running; then
        pg_conftool "$PG_VERSION" "$PG_CLUSTER" set port "$PG_PORT"
    fi
}

# Another cluster (e.g. the package's "main") listening on our port is stopped: ours must own it.
pg_free_port() {
    local ver name
    while read -r ver name; do
        step_note postgres "stopping PostgreSQL cluster $ver/$name, which holds port $PG_PORT"
        pg_ctlcluster "$ver" "$name" stop >>"$(pg_setup_log)" 2>&1 || true
    done < <(pg_lsclusters -h 2>/dev/null |
        awk -v p="$PG_PORT" -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$3 == p && $4 ~ /^online/ && !($1 == v && $2 == c) {print $1, $2}')
    port_must_be_free postgres "$PG_PORT" PG_PORT
}

# The role, the database and pg_stat_statements (ops/postgres/setup.sql); the role's password
# reset when it cannot log in over TCP.
pg_ensure_db() {
    psql_admin -v db_name="$DB_NAME" -v db_user="$DB_USER" -v db_password="$DB_PASSWORD" \
        -f "$REPO_ROOT/ops/postgres/setup.sql" >>"$(pg_setup_log)" 2>&1 ||
        { show_log_tail "$(pg_setup_log)"; die "postgres: ops/postgres/setup.sql failed; see $(pg_setup_log)"; }
    if [ "$(psql_workflow "$PG_PORT" 'select 1' 2>/dev/null)" != 1 ]; then
        psql_admin -c "ALTER ROLE $DB_USER WITH LOGIN PASSWORD '$DB_PASSWORD'"
        [ "$(psql_workflow "$PG_PORT" 'select 1')" = 1 ] ||
            die "postgres: cannot log in as $DB_USER over 127.0.0.1:$PG_PORT; check $PG_CONF_DIR/pg_hba.conf"
    fi
}

# Settings changed under a running cluster: reload, and say which ones wait for a restart.
pg_reload() {
    local pending
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" reload
    pending=$(psql_admin -c "select string_agg(name, ', ') from pg_settings where pending_restart")
    [ -z "$pending" ] || warn "postgres: changed settings need a restart ($pending): ops/stack down && ops/stack up"
}

up_postgres() {
    local pid conf_changed=0
    pg_ensure_cluster
    install -d -m 0755 "$PG_CONF_DIR/conf.d"
    config_from_template "$REPO_ROOT/ops/postgres/postgresql.conf.template" \
        "$PG_CONF_DIR/conf.d/90-workflow-stack.conf" PG_PORT="$PG_PORT" \
        LISTEN_ADDRESSES="$(listen_addresses ,)" && conf_changed=1
    pg_allow_peer_network && conf_changed=1
    install -d -o postgres -g postgres -m 2775 /var/run/postgresql
    if pg_running && pid=$(component_pid postgres); then
        [ "$conf_changed" = 0 ] || pg_reload
        already_running postgres "$pid"
        pg_ensure_db
        return 0
    fi
    pg_free_port
    step_start postgres
    # pg_ctlcluster gives up after 30 s; a postmaster still starting then is waited for below
    if ! pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start </dev/null >>"$(pg_setup_log)" 2>&1 9>&- &&
        ! component_pid postgres >/dev/null; then
        show_log_tail "$(component_log postgres)"
        die "postgres: pg_ctlcluster $PG_VERSION $PG_CLUSTER start failed; see $(component_log postgres) and $(pg_setup_log)"
    fi
    wait_ready postgres "$(pid_from_file "$PG_DATA/postmaster.pid")"
    pg_ensure_db
    step_done "ready on 127.0.0.1:$PG_PORT"
}

# down_postgres [MODE] — stops the cluster: fast, falling back to immediate (--force), or in the
# shutdown MODE given (smart, fast, immediate: `ops/stack restart postgres` passes $PG_RESTART_MODE).
down_postgres() {
    local pid t0 how=(--force)
    [ -d "$PG_CONF_DIR" ] || return 0
    pid=$(component_pid postgres) || return 0
    [ -z "${1:-}" ] || how=(--mode "$1")
    t0=$(now_ms)
    pg_ctlcluster "${how[@]}" "$PG_VERSION" "$PG_CLUSTER" stop >>"$(pg_setup_log)" 2>&1 || true
    stop_pid postgres "$pid" 30 || die "postgres: pid $pid survived SIGKILL"
    step_note postgres "stopped (pid $pid, ${1:-fast} shutdown, $(elapsed_s "$t0"))"
}

# Drops this checkout's cluster (down --purge).
purge_postgres() {
    [ -d "$PG_CONF_DIR" ] || return 0
    pg_dropcluster --stop "$PG_VERSION" "$PG_CLUSTER" || die "pg_dropcluster $PG_VERSION $PG_CLUSTER failed"
    rm -rf "$PG_CONF_DIR" # pg_dropcluster leaves the conf.d directory behind
    step_note postgres "cluster $PG_VERSION/$PG_CLUSTER dropped"
}

# With STACK_PEER_NETWORK (the hosts topology's infrastructure host), clients of that network may log
# in with their password too (the migrate step goes straight to PostgreSQL). 0 when pg_hba.conf changed.
pg_allow_peer_network() {
    local hba="$PG_CONF_DIR/pg_hba.conf" line
    [ -n "$STACK_PEER_NETWORK" ] && [ -f "$hba" ] || return 1
    line="host all all $STACK_PEER_NETWORK scram-sha-256 # ops/stack: STACK_PEER_NETWORK"
    grep -qxF "$line" "$hba" && return 1
    printf '%s\n' "$line" >>"$hba"
}
