# shellcheck shell=bash
# ops/stack down [--purge] — stops what `up` started, by PID, in reverse start order; --purge
# also drops the PostgreSQL cluster and deletes $STACK_HOME.

# Seconds a component gets between SIGTERM and SIGKILL.
stop_timeout() {
    case "$1" in kafka) echo 60 ;; api-* | worker-*) echo 30 ;; *) echo 15 ;; esac
}

down_component() {
    local c=$1 pid t0
    if pid=$(component_pid "$c"); then
        t0=$(now_ms)
        stop_pid "$c" "$pid" "$(stop_timeout "$c")" || die "$c: pid $pid survived SIGKILL"
        step_note "$c" "stopped (pid $pid, $(elapsed_s "$t0"))"
    fi
    case "$c" in
        pgbouncer) rm -f "$(component_pidfile "$c")" ;;
        *) rm -f "$RUN_DIR/$c.pid" ;;
    esac
}

purge_stack_home() {
    purge_postgres
    case "$STACK_HOME" in / | "$HOME" | "$REPO_ROOT") die "refusing to delete $STACK_HOME" ;; esac
    [ -e "$STACK_HOME/.workflow-stack" ] || die "refusing to delete $STACK_HOME: it has no .workflow-stack marker"
    rm -rf "$STACK_HOME"
    log "purged $STACK_HOME"
}

cmd_down() {
    local purge=0 i order=()
    case "${1:-}" in
        '') ;;
        --purge) purge=1 ;;
        *) die "usage: ops/stack down [--purge]" ;;
    esac
    if [ ! -d "$STACK_HOME" ]; then
        log "nothing to stop ($STACK_HOME does not exist)"
        return 0
    fi
    lock_stack
    load_settings
    if [ -e "$STACK_HOME/hosts.env" ]; then hosts_down "$purge"; fi # ops/stack.d/hosts.sh
    mapfile -t order < <(started_components)
    for ((i = ${#order[@]} - 1; i >= 0; i--)); do
        if [ "${order[$i]}" = postgres ]; then down_postgres; else down_component "${order[$i]}"; fi
    done
    rm -f "$STATE_FILE" "$STACK_HOME/topology"
    if [ "$purge" = 1 ]; then
        purge_stack_home
    else
        log "stack stopped; data kept in $STACK_HOME (ops/stack down --purge deletes it)"
    fi
}
