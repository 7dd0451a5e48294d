# shellcheck shell=bash
# ops/stack up [full|single|infra] — starts what is not running yet, in order, waiting for each.

lock_stack() {
    [ "$(id -u)" = 0 ] || die "ops/stack up/down/restart must run as root (it installs packages and runs PostgreSQL and PgBouncer as the postgres user)"
    install -d -m 0755 "$STACK_HOME"
    exec 9>"$STACK_HOME/.lock"
    flock -n 9 || die "another ops/stack up/down/restart is running on $STACK_HOME"
}

# The settings for `up REQUESTED`: those of the running stack (when REQUESTED may join it), or
# defaults and environment when nothing of an earlier stack runs any more.
up_settings() {
    local requested=$1 recorded
    recorded=$(recorded_topology)
    if [ -n "$recorded" ] && (load_settings && any_running); then
        if [ "$recorded" = infra ] && [ "$requested" = full ]; then
            log "the infra topology is up: adding the API replicas, workers and nginx to it"
        elif [ "$recorded" != "$requested" ]; then
            printf "the '%s' topology is up; run 'ops/stack down' before 'ops/stack up %s'\n" "$recorded" "$requested" >&2
            exit 1
        fi
        load_settings # the running stack's settings
    else
        rm -f "$STATE_FILE" "$STACK_HOME/topology" # stale: nothing of it runs any more
        load_settings nostate
    fi
    TOPOLOGY=$requested
}

up_packages() {
    local packages=(postgresql curl)
    case "$TOPOLOGY" in
        full) packages+=(pgbouncer redis-server nginx) ;;
        infra) packages+=(pgbouncer redis-server) ;;
    esac
    ensure_packages "$LOG_DIR/apt.log" "${packages[@]}"
}

# Pidfiles of processes that died meanwhile go (PostgreSQL's and PgBouncer's are their own).
forget_dead_pidfiles() {
    local c
    for c in $(started_components); do
        case "$c" in postgres | pgbouncer) ;; *) component_pid "$c" >/dev/null || rm -f "$RUN_DIR/$c.pid" ;; esac
    done
}

# The migrate step, then the API replicas, then the workers of the topology.
up_service_processes() {
    local c apis=() workers=()
    for c in $(components "$TOPOLOGY"); do
        case "$c" in api-*) apis+=("$c") ;; worker-*) workers+=("$c") ;; esac
    done
    [ "${#apis[@]}" -gt 0 ] || return 0
    migrate
    ensure_admin_key
    ensure_aot_cache
    up_services "${apis[@]}"
    up_services "${workers[@]}"
}

up_summary() {
    local t0=$1 infra="PostgreSQL 127.0.0.1:$PG_PORT"
    log ""
    case "$TOPOLOGY" in
        full | single) log "API:        http://127.0.0.1:$HTTP_PORT" ;;
        infra) log "API:        none (infra only)" ;;
    esac
    [ "$TOPOLOGY" = single ] || infra+=", PgBouncer 127.0.0.1:$PGBOUNCER_PORT, Redis 127.0.0.1:$REDIS_PORT"
    infra+=", Kafka 127.0.0.1:$KAFKA_PORT"
    log "infra:      $infra"
    log "topology:   $TOPOLOGY (state in $STACK_HOME)"
    [ ! -s "$ADMIN_KEY_FILE" ] || log "admin key:  $ADMIN_KEY_FILE (AUTH=$AUTH; send it as 'Authorization: Bearer <key>')"
    log "up took:    $(elapsed_s "$t0")"
    log "memory:     $(memory_line) (PSS)"
}

up_failed() {
    [ "$1" -ne 0 ] || return 0
    any_running 2>/dev/null || return 0
    printf "(what did start keeps running: 'ops/stack status' shows it, 'ops/stack down' stops it)\n" >&2
}

cmd_up() {
    local requested=${1:-${TOPOLOGY:-full}} t0
    t0=$(now_ms)
    case "$requested" in full | single | infra | hosts) ;; *) die "unknown topology '$requested' (full, single, infra or hosts)" ;; esac
    ulimit -n "$(ulimit -Hn)" 2>/dev/null || warn "could not raise the open-files limit to $(ulimit -Hn)"
    lock_stack
    up_settings "$requested"
    trap 'up_failed $?' EXIT
    install -d -m 0755 "$RUN_DIR" "$LOG_DIR"
    forget_dead_pidfiles
    touch "$STACK_HOME/.workflow-stack" # marks the directory as ours (down --purge checks it)
    ensure_secrets
    save_state
    if [ "$TOPOLOGY" = hosts ]; then # ops/stack.d/hosts.sh
        hosts_up "$t0"
        trap - EXIT
        return 0
    fi
    up_packages
    # shellcheck source=ops/lib/java.sh
    . "$REPO_ROOT/ops/lib/java.sh"
    [ "$TOPOLOGY" = infra ] || ensure_service_jar

    up_postgres
    if [ "$TOPOLOGY" != single ]; then
        up_pgbouncer
        up_redis
    fi
    up_kafka
    up_service_processes
    [ "$TOPOLOGY" != full ] || up_nginx
    up_summary "$t0"
    trap - EXIT
}
