# shellcheck shell=bash
# ops/stack restart [COMPONENT|all] — restarts one component, or the service replicas one at a time
# (a rolling restart): each is stopped (SIGTERM, SIGKILL after its stop timeout), started again
# from $SERVICE_JAR as it is now, and waited for until healthy before the next one goes down.
# A component that is not running is started. The infrastructure is one process per component,
# so its restart is a short outage of that dependency, never part of `all`.

# Shutdown mode of `restart postgres`: fast (default), smart or immediate (a crash for the clients).
PG_RESTART_MODE=${PG_RESTART_MODE:-fast}

# restart_targets WHAT — sets RESTART_TARGETS to the component names WHAT stands for, in restart
# order; dies when there are none.
restart_targets() {
    local what=$1 c
    RESTART_TARGETS=()
    for c in $(components "$TOPOLOGY"); do
        case "$what" in
            all) [[ $c == api-* || $c == worker-* ]] || continue ;;
            api | worker) [[ $c == "$what"-* ]] || continue ;;
            *) [ "$c" = "$what" ] || continue ;;
        esac
        RESTART_TARGETS+=("$c")
    done
    [ "${#RESTART_TARGETS[@]}" -gt 0 ] ||
        die "restart: '$what' is not a component of the '$TOPOLOGY' topology (all, api, worker, $(components "$TOPOLOGY" | paste -sd, | sed 's/,/, /g'))"
}

# restart_component NAME — stops NAME when it runs, starts it, waits until it is healthy.
restart_component() {
    local name=$1
    case "$name" in
        postgres) down_postgres "$PG_RESTART_MODE" ;;
        *) down_component "$name" ;;
    esac
    case "$name" in
        postgres) up_postgres ;;
        pgbouncer) up_pgbouncer ;;
        redis) up_redis ;;
        kafka) up_kafka ;;
        nginx) up_nginx ;;
        api-* | worker-*) up_services "$name" ;;
    esac
}

cmd_restart() {
    local what=${1:-all} name t0
    t0=$(now_ms)
    case "$PG_RESTART_MODE" in smart | fast | immediate) ;; *) die "PG_RESTART_MODE must be smart, fast or immediate" ;; esac
    [ -d "$STACK_HOME" ] || die "restart: no stack in $STACK_HOME (ops/stack up first)"
    lock_stack
    load_settings
    TOPOLOGY=$(recorded_topology)
    [ "$TOPOLOGY" != hosts ] || die "restart: the hosts topology restarts a host at a time: ops/stack host cut N, then ops/stack host rejoin N"
    if [ -z "$TOPOLOGY" ] || ! any_running; then die "restart: no stack is up in $STACK_HOME (ops/stack up first)"; fi
    restart_targets "$what"
    # shellcheck source=ops/lib/java.sh
    . "$REPO_ROOT/ops/lib/java.sh"
    case " ${RESTART_TARGETS[*]}" in
        *" api-"* | *" worker-"*) [ -f "$SERVICE_JAR" ] || die "restart: $SERVICE_JAR is missing (build it: ./mvnw -DskipTests package -pl bootstrap -am)" ;;
    esac
    for name in "${RESTART_TARGETS[@]}"; do
        restart_component "$name"
    done
    log "restarted ${RESTART_TARGETS[*]} in $(elapsed_s "$t0")"
}
